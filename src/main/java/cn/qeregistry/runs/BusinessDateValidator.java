package cn.qeregistry.runs;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/** Every job instance is one job on one business date: the {@code date} parameter is required. */
class BusinessDateValidator implements JobParametersValidator {

    @Override
    public void validate(JobParameters parameters) throws InvalidJobParametersException {
        if (parameters == null || parameters.getLocalDate(JobRunner.DATE) == null) {
            throw new InvalidJobParametersException("job parameter '" + JobRunner.DATE + "' (the business date) is required");
        }
    }
}
