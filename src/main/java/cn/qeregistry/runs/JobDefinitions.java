package cn.qeregistry.runs;

import cn.qeregistry.platform.ConfigFiles;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Jobs declared as files in {@code jobs/*.job.yml}: a name and its steps in order. Features provide
 * the steps as beans; a file naming a step no feature provides is refused with the file and step.
 */
@Component
public class JobDefinitions {

    private final Map<String, Job> jobs = new LinkedHashMap<>();

    /** {@code listeners}: features' hooks on every job (run ownership, alerting). */
    public JobDefinitions(ConfigFiles files, JobRepository jobRepository, List<Step> steps,
                          List<JobExecutionListener> listeners, ObjectProvider<ObservationRegistry> observations) {
        ObservationRegistry observationRegistry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        Map<String, Step> stepsByName = new LinkedHashMap<>();
        steps.forEach(step -> stepsByName.put(step.getName(), step));
        for (Path file : definitionFiles(files.jobs())) {
            Definition definition = read(file);
            if (definition.steps().isEmpty()) {
                continue; // no feature has landed a step for this job yet: the job does not exist
            }
            List<Step> chain = new ArrayList<>();
            for (String stepName : definition.steps()) {
                Step step = stepsByName.get(stepName);
                if (step == null) {
                    throw new IllegalStateException(file + ": step '" + stepName + "' of job '" + definition.name()
                            + "' is not provided by any feature (known steps: " + stepsByName.keySet() + ")");
                }
                chain.add(step);
            }
            SimpleJobBuilder builder = new JobBuilder(definition.name(), jobRepository).start(chain.get(0));
            chain.subList(1, chain.size()).forEach(builder::next);
            listeners.forEach(builder::listener);
            builder.observationRegistry(observationRegistry); // job metrics: these jobs are not beans Batch would observe
            Job job = builder.validator(new BusinessDateValidator()).build();
            jobs.put(definition.name(), job);
        }
    }

    public Map<String, Job> jobs() {
        return jobs;
    }

    private static List<Path> definitionFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("job definitions folder not found: " + dir + " (set QE_CONFIG_DIR)");
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".job.yml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    private static Definition read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object loaded = new Yaml().load(reader);
            if (!(loaded instanceof Map<?, ?> map) || !(map.get("job") instanceof String name)) {
                throw new IllegalStateException(file + ": key 'job' (the job's name) is missing");
            }
            Object steps = map.get("steps");
            if (steps == null) {
                return new Definition(name, List.of());
            }
            if (!(steps instanceof List<?> list)) {
                throw new IllegalStateException(file + ": key 'steps' must be a list of step names");
            }
            return new Definition(name, list.stream().map(String::valueOf).toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private record Definition(String name, List<String> steps) {
    }
}
