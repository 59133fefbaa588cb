package cn.qeregistry.runs;

import cn.qeregistry.platform.ConfigFiles;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
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
 * Jobs declared as files in {@code jobs/*.job.yml}: a name and its steps in order, where an entry
 * {@code parallel: [a, b, …]} (optionally {@code threads: N}) runs a group of steps at the same time.
 * Features provide the steps as beans; a file naming a step no feature provides is refused with the
 * file and step.
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
            if (definition.groups().isEmpty()) {
                continue; // no feature has landed a step for this job yet: the job does not exist
            }
            List<List<Step>> groups = new ArrayList<>();
            for (List<String> group : definition.groups()) {
                List<Step> found = new ArrayList<>();
                for (String stepName : group) {
                    Step step = stepsByName.get(stepName);
                    if (step == null) {
                        throw new IllegalStateException(file + ": step '" + stepName + "' of job '" + definition.name()
                                + "' is not provided by any feature (known steps: " + stepsByName.keySet() + ")");
                    }
                    found.add(step);
                }
                groups.add(found);
            }
            Job job = groups.stream().allMatch(group -> group.size() == 1)
                    ? sequential(definition.name(), groups, jobRepository, listeners, observationRegistry)
                    : withParallelGroups(definition, groups, jobRepository, listeners, observationRegistry);
            jobs.put(definition.name(), job);
        }
    }

    private static Job sequential(String name, List<List<Step>> groups, JobRepository jobRepository,
                                  List<JobExecutionListener> listeners, ObservationRegistry observationRegistry) {
        SimpleJobBuilder builder = new JobBuilder(name, jobRepository).start(groups.get(0).get(0));
        groups.subList(1, groups.size()).forEach(group -> builder.next(group.get(0)));
        listeners.forEach(builder::listener);
        builder.observationRegistry(observationRegistry); // job metrics: these jobs are not beans Batch would observe
        return builder.validator(new BusinessDateValidator()).build();
    }

    /**
     * A flow job: each group of several steps is a split whose steps run at once on at most
     * {@code threads} threads (further steps wait for a free one, in file order); groups follow
     * each other, and a failed step fails the job once its group has ended.
     */
    private static Job withParallelGroups(Definition definition, List<List<Step>> groups, JobRepository jobRepository,
                                          List<JobExecutionListener> listeners, ObservationRegistry observationRegistry) {
        FlowBuilder<SimpleFlow> chain = new FlowBuilder<>(definition.name());
        for (int i = 0; i < groups.size(); i++) {
            Flow flow = groups.get(i).size() == 1 ? single(groups.get(i).get(0)) : split(definition, i, groups.get(i));
            if (i == 0) {
                chain.start(flow);
            } else {
                chain.next(flow);
            }
        }
        DeclaredJob job = new DeclaredJob(definition.name(),
                groups.stream().flatMap(List::stream).map(Step::getName).toList());
        job.setFlow(chain.build());
        job.setJobRepository(jobRepository);
        job.setJobExecutionListeners(listeners.toArray(JobExecutionListener[]::new));
        job.setObservationRegistry(observationRegistry);
        job.setJobParametersValidator(new BusinessDateValidator());
        try {
            job.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException("job '" + definition.name() + "' cannot be built: " + e.getMessage(), e);
        }
        return job;
    }

    private static Flow single(Step step) {
        return new FlowBuilder<SimpleFlow>(step.getName()).start(step).build();
    }

    private static Flow split(Definition definition, int index, List<Step> steps) {
        int threads = definition.threads(index);
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(definition.name() + "-" + (index + 1) + "-");
        executor.setConcurrencyLimit(threads); // a further step's submission waits for a free thread
        return new FlowBuilder<SimpleFlow>(definition.name() + ".parallel" + (index + 1)).split(executor)
                .add(steps.stream().map(JobDefinitions::single).toArray(Flow[]::new)).build();
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
                return new Definition(name, List.of(), List.of());
            }
            if (!(steps instanceof List<?> list)) {
                throw new IllegalStateException(file + ": key 'steps' must be a list of step names");
            }
            List<List<String>> groups = new ArrayList<>();
            List<Integer> threads = new ArrayList<>();
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> group) {
                    groups.add(parallel(file, group));
                    threads.add(threads(file, group));
                } else {
                    groups.add(List.of(String.valueOf(entry)));
                    threads.add(1);
                }
            }
            return new Definition(name, groups, threads);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** {@code - parallel: [a, b, c]}: steps that run at the same time. */
    private static List<String> parallel(Path file, Map<?, ?> group) {
        if (!(group.get("parallel") instanceof List<?> names) || names.isEmpty()
                || !group.keySet().stream().allMatch(key -> "parallel".equals(key) || "threads".equals(key))) {
            throw new IllegalStateException(file + ": a step group must read 'parallel: [step, …]' (optionally 'threads: N'), found " + group);
        }
        return names.stream().map(String::valueOf).toList();
    }

    /** {@code threads: N}, by default as many as the machine has cores (no more than the group's steps). */
    private static int threads(Path file, Map<?, ?> group) {
        Object threads = group.get("threads");
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (!(threads instanceof Integer count) || count < 1) {
            throw new IllegalStateException(file + ": 'threads' of a parallel group must be a whole number >= 1, found " + threads);
        }
        return count;
    }

    /** A job's steps as groups in order: a group of one runs alone, a larger one in parallel. */
    private record Definition(String name, List<List<String>> groups, List<Integer> threadCounts) {
        int threads(int group) {
            return Math.min(threadCounts.get(group), groups.get(group).size());
        }
    }
}
