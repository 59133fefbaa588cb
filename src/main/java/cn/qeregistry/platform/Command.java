package cn.qeregistry.platform;

/**
 * One command of the command line ({@code run}, {@code report}, …), implemented by the feature
 * that owns it. Returns the process exit code: 0 done, 1 failed, 2 bad usage.
 */
public interface Command {

    int OK = 0;
    int FAILED = 1;
    int USAGE = 2;

    String name();

    int run(Arguments arguments) throws Exception;
}
