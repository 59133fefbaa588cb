package cn.qeregistry.console.security;

import cn.qeregistry.console.ConsoleTestJobs;
import cn.qeregistry.platform.QeHome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.HashSet;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;

/**
 * Uploads through the page with a 4 KB cap: too large, wrong content for the name, and names that try
 * to leave the inbox (../../x.xlsx, ..\..\x.xlsx, absolute paths) — stored under a safe name inside the
 * feed's inbox or refused, never anywhere else.
 */
@SpringBootTest(properties = {"qe.config-dir=src/test/resources/console", "spring.quartz.auto-startup=false",
        "QE_ADMIN_PASSWORD=first-admin-secret", "qe.console.upload-max-size=4KB"})
@AutoConfigureMockMvc
@Import(ConsoleTestJobs.class)
class UploadLimitsTest {

    static final byte[] XLSX = {0x50, 0x4B, 0x03, 0x04, 20, 0, 8, 0};

    @Autowired MockMvc mvc;

    private ResultActions upload(String feed, String name, byte[] content) throws Exception {
        return mvc.perform(multipart("/deliveries/upload").file(new MockMultipartFile("file", name, null, content))
                .param("feed", feed).with(user(ConsoleUser.of("upload-operator", null, "OPERATOR"))).with(csrf()));
    }

    @Test
    void aFileOverTheCapIsRefusedAndLeavesNothingBehind() throws Exception {
        Set<String> before = everything();
        byte[] big = "统一社会信用代码,企业名称\n".repeat(400).getBytes(StandardCharsets.UTF_8);
        upload("market", "market-big.csv", big).andExpect(flash().attribute("errorKey", "upload.error.size"));
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void theTypeIsJudgedByContentNotByName() throws Exception {
        Set<String> before = everything();
        upload("tax", "tax-2025.xlsx", new byte[] {0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0, (byte) 0xE2, (byte) 0xE3, 1})
                .andExpect(flash().attribute("errorKey", "upload.error.type"));
        upload("tax", "tax-2025.xlsx", "纳税人识别号,纳税人名称\n".getBytes(StandardCharsets.UTF_8))
                .andExpect(flash().attribute("errorKey", "upload.error.mismatch"));
        upload("market", "market.csv", new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0})
                .andExpect(flash().attribute("errorKey", "upload.error.type"));
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void traversalNamesAreStoredInsideTheFeedsInboxOrRefused() throws Exception {
        Path home = QeHome.resolve().root();
        Path inbox = QeHome.resolve().inbox("tax");
        for (String name : new String[] {"../../x-traversal.xlsx", "..\\..\\y-traversal.xlsx", "/etc/z-traversal.xlsx",
                "inbox/../../w-traversal.xlsx"}) {
            upload("tax", name, XLSX);
        }
        Set<Path> stored = files(home).stream().filter(p -> p.getFileName().toString().contains("-traversal"))
                .collect(Collectors.toSet());
        assertThat(stored).hasSize(4).allSatisfy(p -> assertThat(p.getParent()).isEqualTo(inbox));
        for (Path p : stored) {
            Files.delete(p);
        }
        upload("tax", "../..", XLSX).andExpect(flash().attribute("errorKey", "upload.error.name"));
        upload("../../tmp", "x.xlsx", XLSX).andExpect(flash().attribute("errorKey", "upload.error.feed"));
    }

    /** Every file under QE_HOME outside the database's and the logs' folders, relative to it. */
    private static Set<String> everything() throws IOException {
        Path home = QeHome.resolve().root();
        return files(home).stream().map(home::relativize).map(Path::toString).collect(Collectors.toSet());
    }

    private static Set<Path> files(Path home) throws IOException {
        Set<Path> files = new HashSet<>();
        Files.walkFileTree(home, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(home.resolve("db")) || dir.equals(home.resolve("logs"))
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                files.add(file);
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }
}
