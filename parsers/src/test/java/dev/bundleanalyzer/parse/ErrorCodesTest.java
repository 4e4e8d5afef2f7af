package dev.bundleanalyzer.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorCodesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        // the documented MARS messages (formats.md 2.1, 2.2)
        "Invalid vault credentials provided. The file is either corrupted or doesn't have the latest credentials associated with recovery service. (ID: 34513) | 34513",
        "Failed to download the vault credential file. (ID: 403)                                                           | 403",
        "Retry (ID:34513)                                                                                                  | 34513",
        "Operation failed. ID: 120002                                                                                      | 120002",
        "Error 34506. The encryption passphrase stored on this computer is not correctly configured.                        | 34506",
        "Error: 34506                                                                                                      | 34506",
        "The current operation failed due to an internal service error [0x1FC07]. Retry the operation after some time.     | 0x1FC07",
        "Failed: Hr: = [0x80780054] Offline Backup Progress: Failed                                                         | 0x80780054",
        "Failed: Hr: = [0x8007173d] : ClusterPrepareSharedVolumeForBackup                                                   | 0x8007173D",
        "was unable to create a snapshot of the selected volume. (0x186C2)                                                  | 0x186C2",
        "HResult: 80780049 DetailedHResult: 8007007B ... (0x1873D)                                                          | 0x80780049,0x8007007B,0x1873D",
        "PollAzureImportJob failed with error code: 1b7afbe0                                                                | 0x1B7AFBE0",
        "Update install failed with error 1612                                                                              | 1612",
        // normal form: upper case, no leading zeros; duplicates once, in order of first appearance
        "[0x0001FC07] then 0x1fc07 then (ID: 034513) and ID: 34513                                                          | 0x1FC07,34513",
        "0X80070005                                                                                                        | 0x80070005",
        // near misses: a number inside a longer number or word, or without a keyword, is no code
        "ID: 345130                                                                                                        | 345130",
        "Enumerated 34513 files                                                                                            | ''",
        "x0x1FC07y                                                                                                         | ''",
        "0x1FC07y and a0x186C2                                                                                             | ''",
        "GUID: 1234 ErrorCount: 5 Errors 7 terror 9 HResultX: 1                                                            | ''",
        "Error: The current operation failed                                                                               | ''",
        "error 2.5 GB and ID: 12-AB                                                                                        | ''",
        "object [000000001B73B830] at 0x000000001B73B830 and hr 0x00000000                                                  | ''",
        "Error 0x80070005                                                                                                  | 0x80070005",
        "Error 0 and ID: 000 and Hr: = [0x00000000]                                                                         | ''",
        "Transferred 12345678901 bytes, error 12345678901                                                                  | ''",
    })
    void extractsAndNormalises(String message, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertEquals(want, ErrorCodes.extract(message));
    }

    @Test
    void extractsFromARangeOnly() {
        String line = "(ID: 403) | (ID: 34513)";
        assertEquals(List.of("34513"), ErrorCodes.extract(line, line.indexOf('|'), line.length()));
    }

    @Test
    void nothingFromNullOrEmpty() {
        assertEquals(List.of(), ErrorCodes.extract(null));
        assertEquals(List.of(), ErrorCodes.extract(""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "34513          | 34513",
        "034513         | 34513",
        "'  34513 '     | 34513",
        "(ID: 34513)    | 34513",
        "ID:34513       | 34513",
        "0x0001fc07     | 0x1FC07",
        "[0x1FC07]      | 0x1FC07",
        "0X80780054     | 0x80780054",
        "1b7afbe0       | 0x1B7AFBE0",
        "HResult: 80780049 | 0x80780049",
        "Error 34506    | 34506",
    })
    void normalisesQueries(String query, String expected) {
        assertEquals(expected, ErrorCodes.normalize(query));
    }

    @Test
    void normaliseRejectsNonCodes() {
        assertNull(ErrorCodes.normalize(null));
        assertNull(ErrorCodes.normalize(""));
        assertNull(ErrorCodes.normalize("vault"));
        assertNull(ErrorCodes.normalize("0xZZ"));
        assertNull(ErrorCodes.normalize("0x000000001B73B830"));
    }
}
