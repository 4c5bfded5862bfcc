package dev.tideflow.config.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IfMatchTest {

    @Test
    void withoutTheHeaderEverythingMatches() {
        assertTrue(IfMatch.parse(null).absent());
        assertTrue(IfMatch.parse(" ").matches(null));
        assertTrue(IfMatch.parse(null).matches(7L));
    }

    @Test
    void aStrongTagMatchesExactlyItsRevision() {
        IfMatch ifMatch = IfMatch.parse(IfMatch.etag(42));
        assertEquals("\"42\"", IfMatch.etag(42));
        assertTrue(ifMatch.matches(42L));
        assertFalse(ifMatch.matches(43L));
        assertFalse(ifMatch.matches(null), "a missing setting matches no tag");
        assertTrue(IfMatch.parse("\"1\", \"42\"").matches(42L));
    }

    @Test
    void weakOrMalformedTagsNeverMatch() {
        assertFalse(IfMatch.parse("W/\"42\"").matches(42L));
        assertFalse(IfMatch.parse("42").matches(42L));
        assertFalse(IfMatch.parse("\"").matches(42L));
        assertFalse(IfMatch.parse("W/\"42\"").absent());
    }

    @Test
    void aStarMatchesAnyExistingSetting() {
        assertTrue(IfMatch.parse("*").matches(1L));
        assertFalse(IfMatch.parse("*").matches(null));
    }
}
