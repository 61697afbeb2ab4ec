package io.cairn.dwn.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesFiltersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aProtocolFilterAlsoSelectsThePermissionRecordsTaggedWithIt() throws Exception {
        List<Filter> filters = MessagesFilters.convert(JSON.readTree("""
                [{"protocol": "https://p.example", "messageTimestamp": {"from": "2026-01-01T00:00:00.000000Z"}},
                 {"interface": "Records", "method": "Write"}]"""));
        FilterValue.Range from = new FilterValue.Range(null, "2026-01-01T00:00:00.000000Z", null, null);
        assertThat(filters).containsExactly(
                new Filter(Map.of("protocol", new FilterValue.Equal(MessagesFilters.PERMISSIONS_PROTOCOL),
                        "tag.protocol", new FilterValue.Equal("https://p.example"), "messageTimestamp", from)),
                new Filter(Map.of("protocol", new FilterValue.Equal("https://p.example"), "messageTimestamp", from)),
                new Filter(Map.of("interface", new FilterValue.Equal("Records"), "method", new FilterValue.Equal("Write"))));
    }

    @Test
    void aTimestampRangeIsFromInclusiveToExclusive() throws Exception {
        List<Filter> filters = MessagesFilters.convert(JSON.readTree("""
                [{"messageTimestamp": {"from": "a", "to": "b"}}, {"messageTimestamp": {"to": "c"}}]"""));
        assertThat(filters).containsExactly(
                new Filter(Map.of("messageTimestamp", new FilterValue.Range(null, "a", "b", null))),
                new Filter(Map.of("messageTimestamp", new FilterValue.Range(null, null, "c", null))));
        assertThat(MessagesFilters.convert(JSON.readTree("[]"))).isEmpty();
    }
}
