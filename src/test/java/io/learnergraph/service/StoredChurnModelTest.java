package io.learnergraph.service;

import io.learnergraph.analysis.churn.ChurnDefinition;
import io.learnergraph.analysis.churn.ChurnFeature;
import io.learnergraph.analysis.churn.ChurnModel;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stored churn model is its own record with a format number: written and read back it is the
 * same model, and a model of another format or over unknown features is refused, not misread.
 */
class StoredChurnModelTest {

    private static ChurnModel model() {
        int d = ChurnFeature.values().length;
        double[] means = new double[d];
        double[] sds = new double[d];
        double[] weights = new double[d];
        for (int j = 0; j < d; j++) {
            means[j] = j * 1.5;
            sds[j] = 1 + j;
            weights[j] = (j % 2 == 0 ? 1 : -1) * 0.1 * j;
        }
        ChurnModel.Metrics q = new ChurnModel.Metrics(0.81, 0.74, 5, 900, 1000, 230, 0.15,
                List.of(new ChurnModel.CalibrationBin(0.1, 0.12, 100), new ChurnModel.CalibrationBin(0.8, 0.77, 100)),
                37);
        return new ChurnModel(new ChurnDefinition(30, 45), 29_000_000, ChurnFeature.values(), means, sds, weights,
                -1.25, 300, q, Instant.parse("2026-11-30T12:00:00Z"));
    }

    @Test
    void aModelStoredAndReadBackIsTheSameModel() throws IOException {
        ObjectMapper json = ObjectMapper.getDefault();
        ChurnModel m = model();
        String text = json.writeValueAsString(StoredChurnModel.of(m, 17));
        assertTrue(text.contains("\"format\":" + StoredChurnModel.FORMAT), text);
        assertFalse(text.contains("graphLift"), "the API body's derived fields are not stored");

        StoredChurnModel stored = json.readValue(text, StoredChurnModel.class);
        ChurnModel back = stored.model();
        assertEquals(17, stored.snapshotVersion());
        assertEquals(m.definition(), back.definition());
        assertEquals(m.asOfMinute(), back.asOfMinute());
        assertEquals(m.cutoffMinute(), back.cutoffMinute());
        assertArrayEquals(m.means(), back.means());
        assertArrayEquals(m.sds(), back.sds());
        assertArrayEquals(m.weights(), back.weights());
        assertEquals(m.intercept(), back.intercept());
        assertEquals(m.lambda(), back.lambda());
        assertEquals(m.metrics(), back.metrics());
        assertEquals(m.trainedAt(), back.trainedAt());
    }

    @Test
    void aModelStoredAsItsApiBodyBeforeTheFormatExistedIsStillRead() {
        ChurnModel m = model();
        ChurnModel back = ChurnService.model(ChurnService.view(m, 3));
        assertArrayEquals(m.weights(), back.weights());
        assertArrayEquals(m.means(), back.means());
        assertEquals(m.definition(), back.definition());
        assertEquals(m.metrics(), back.metrics());
        assertEquals(m.trainedAt(), back.trainedAt());
    }

    @Test
    void anotherFormatOrAnUnknownFeatureIsRefused() {
        StoredChurnModel s = StoredChurnModel.of(model(), 1);
        StoredChurnModel newer = new StoredChurnModel(StoredChurnModel.FORMAT + 1, s.activeDays(), s.horizonDays(),
                s.asOfMinute(), s.trainedAt(), 1, s.features(), s.intercept(), s.lambda(), s.metrics());
        assertTrue(assertThrows(IllegalStateException.class, newer::model).getMessage().contains("format"));

        List<StoredChurnModel.Feature> renamed = new ArrayList<>(s.features());
        renamed.set(0, new StoredChurnModel.Feature("no-such-feature", 0, 1, 0));
        StoredChurnModel unknown = new StoredChurnModel(StoredChurnModel.FORMAT, s.activeDays(), s.horizonDays(),
                s.asOfMinute(), s.trainedAt(), 1, renamed, s.intercept(), s.lambda(), s.metrics());
        assertTrue(assertThrows(IllegalStateException.class, unknown::model).getMessage().contains("no-such-feature"));
    }
}
