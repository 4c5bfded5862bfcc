package dev.tideflow.log.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
        "4096, 4096",
        "10B, 10",
        "100MB, 100000000",
        "100 mb, 100000000",
        "512KiB, 524288",
        "1kb, 1000",
        "2GiB, 2147483648",
        "1.5MiB, 1572864",
        "1TB, 1000000000000"
    })
    void parsesDecimalAndBinaryUnits(String text, long bytes) {
        assertEquals(bytes, ByteSize.parse(text).bytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "MB", "10XB", "-5MB", "99999999999999999999GB"})
    void rejectsNonsense(String text) {
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
    }

    @Test
    void ordersBySize() {
        assertTrue(ByteSize.parse("1MiB").compareTo(ByteSize.parse("1MB")) > 0);
    }
}
