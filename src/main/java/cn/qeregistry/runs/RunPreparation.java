package cn.qeregistry.runs;

import java.time.LocalDate;
import java.util.Optional;

/** Something a feature does before {@code run} starts a job; it may return a line to tell the user. */
public interface RunPreparation {

    Optional<String> beforeRun(String job, LocalDate date) throws Exception;
}
