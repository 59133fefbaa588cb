package cn.qeregistry.console.deliveries;

import cn.qeregistry.platform.QeHome;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upload rules: safe names, a size cap, type by content, nothing half-written left in the inbox. */
class InboxUploadTest {

    @Test
    void namesLoseDirectoriesLeadingDotsAndUnsafeCharacters() throws Exception {
        assertThat(InboxUpload.safeName("../../etc/passwd.csv")).isEqualTo("passwd.csv");
        assertThat(InboxUpload.safeName("C:\\Users\\x\\税务（2025）.xlsx")).isEqualTo("税务（2025）.xlsx");
        assertThat(InboxUpload.safeName("..hidden.csv")).isEqualTo("hidden.csv");
        assertThat(InboxUpload.safeName("a;b|c$.csv")).isEqualTo("a_b_c_.csv");
        assertThatThrownBy(() -> InboxUpload.safeName("../..")).isInstanceOf(InboxUpload.Rejected.class);
    }

    @Test
    void fileKindsAreToldApartByTheirFirstBytes() {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertThat(FileKind.sniff(ole2, ole2.length)).contains(FileKind.XLS);
        byte[] gbk = "统一社会信用代码,企业名称\r\n".getBytes(Charset.forName("GB18030"));
        assertThat(FileKind.sniff(gbk, gbk.length)).contains(FileKind.CSV);
        byte[] pdf = {'%', 'P', 'D', 'F', 0, 1};
        assertThat(FileKind.sniff(pdf, pdf.length)).isEmpty();
    }

    @Test
    void aFileOverTheLimitIsRefusedAndItsPartialCopyRemoved() throws Exception {
        InboxUpload upload = new InboxUpload(DataSize.ofBytes(100));
        byte[] big = "a,b\n".repeat(50).getBytes();
        assertThatThrownBy(() -> upload.store("finance", "finance-big.csv", new ByteArrayInputStream(big)))
                .isInstanceOf(InboxUpload.Rejected.class)
                .satisfies(e -> assertThat(((InboxUpload.Rejected) e).key()).isEqualTo("upload.error.size"));
        Path inbox = QeHome.resolve().inbox("finance");
        try (Stream<Path> files = Files.list(inbox)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("finance-big") || n.endsWith(".part"));
        }
        Path stored = upload.store("finance", "finance-small.csv", new ByteArrayInputStream("a,b\n".getBytes()));
        assertThat(stored.getParent()).isEqualTo(inbox);
        assertThatThrownBy(() -> upload.store("finance", "finance-small.csv", new ByteArrayInputStream("a,b\n".getBytes())))
                .satisfies(e -> assertThat(((InboxUpload.Rejected) e).key()).isEqualTo("upload.error.exists"));
        Files.delete(stored);
    }
}
