package dev.btpboot.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;

/** Reads what tests assert from OTLP export requests. */
final class OtlpData {

	private OtlpData() {
	}

	static Map<String, String> attributes(List<KeyValue> keyValues) {
		Map<String, String> attributes = new LinkedHashMap<>();
		keyValues.forEach((keyValue) -> attributes.put(keyValue.getKey(), keyValue.getValue().getStringValue()));
		return attributes;
	}

	static Stream<Span> spans(ExportTraceServiceRequest request) {
		return request.getResourceSpansList()
			.stream()
			.flatMap((resource) -> resource.getScopeSpansList().stream())
			.flatMap((scope) -> scope.getSpansList().stream());
	}

	static Resource resource(ExportTraceServiceRequest request) {
		return request.getResourceSpans(0).getResource();
	}

	static Stream<LogRecord> logRecords(ExportLogsServiceRequest request) {
		return request.getResourceLogsList()
			.stream()
			.flatMap((resource) -> resource.getScopeLogsList().stream())
			.flatMap((scope) -> scope.getLogRecordsList().stream());
	}

}
