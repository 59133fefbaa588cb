package cn.qeregistry.intake.mapping;

import java.nio.file.Path;

/** A mapping file that cannot be used; the message names the file and the key. */
public class MappingException extends RuntimeException {

    public MappingException(Path file, String key, String problem) {
        super("mapping " + file + ": key '" + key + "': " + problem);
    }
}
