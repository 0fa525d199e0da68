package dev.btpboot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.btpboot.docs.GeneratedDocs;

import org.springframework.util.StringUtils;

/**
 * Renders docs/troubleshooting.md from the failures {@link FailureAnalyzersTests} starts: each as
 * Spring Boot prints it ("APPLICATION FAILED TO START", Description, Action), under the feature
 * whose failure analyzer explains it.
 */
final class Troubleshooting {

	/** Section titles by the feature package of an analyzer; a new feature gets its package name. */
	private static final Map<String, String> FEATURES = Map.of("binding", "Service bindings", "token", "Tokens",
			"security", "Security", "connectivity", "On-premise connectivity", "destination", "Destinations",
			"tenancy", "Tenancy", "data", "Data", "observability", "Observability");

	private Troubleshooting() {
	}

	static String render(Map<String, FailureAnalyzersTests.Explained> explained) {
		Map<String, List<Map.Entry<String, FailureAnalyzersTests.Explained>>> byFeature = new LinkedHashMap<>();
		explained.entrySet()
			.forEach((entry) -> byFeature
				.computeIfAbsent(feature(entry.getValue().analyzer()), (key) -> new ArrayList<>())
				.add(entry));
		StringBuilder page = new StringBuilder(GeneratedDocs.header("FailureAnalyzersTests"));
		page.append("""
				# Troubleshooting: start-ups the starter refuses

				When a configuration cannot work, the starter stops the application at start-up rather than
				later, at the first request, and says what is wrong and what to do, as Spring Boot does for its
				own failures. Each case below is the output of a real start-up that failed (from
				`FailureAnalyzersTests`); search this page for the first words of your Description. Values in
				your output (binding names, properties, positions) differ; what to do does not. No output ever
				contains a secret, token or private key: only names, fields and positions.
				""");
		byFeature.forEach((feature, failures) -> {
			page.append("\n## ").append(feature).append("\n");
			for (Map.Entry<String, FailureAnalyzersTests.Explained> failure : failures) {
				page.append("\n### ").append(StringUtils.capitalize(failure.getKey())).append("\n\n");
				page.append("```text\n***************************\nAPPLICATION FAILED TO START\n***************************\n\n");
				page.append("Description:\n\n").append(failure.getValue().analysis().getDescription().strip());
				page.append("\n\nAction:\n\n").append(failure.getValue().analysis().getAction().strip()).append("\n```\n");
			}
		});
		return page.toString();
	}

	private static String feature(Class<?> analyzer) {
		String[] packages = analyzer.getPackageName().split("\\.");
		String feature = (packages.length > 2) ? packages[2] : analyzer.getSimpleName();
		return FEATURES.getOrDefault(feature, StringUtils.capitalize(feature)) + " (`"
				+ String.join(".", List.of(packages).subList(0, Math.min(3, packages.length))) + "`)";
	}

}
