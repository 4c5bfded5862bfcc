package dev.tideflow.policy.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores an aggregation under the name users write, so the table reads like the API. */
@Converter
public class AggregationConverter implements AttributeConverter<Aggregation, String> {

    @Override
    public String convertToDatabaseColumn(Aggregation aggregation) {
        return aggregation == null ? null : aggregation.wireName();
    }

    @Override
    public Aggregation convertToEntityAttribute(String name) {
        if (name == null) {
            return null;
        }
        return Aggregation.fromWireName(name)
                .orElseThrow(() -> new IllegalStateException("unknown aggregation '" + name + "' in the database"));
    }
}
