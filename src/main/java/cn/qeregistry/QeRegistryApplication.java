package cn.qeregistry;

import cn.qeregistry.cli.Cli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** QE Registry: nightly integration and re-review of Hubei's quality manufacturing enterprises. */
@SpringBootApplication
public class QeRegistryApplication {

    public static void main(String[] args) {
        Cli.main(args);
    }
}
