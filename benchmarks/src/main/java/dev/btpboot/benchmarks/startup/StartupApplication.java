package dev.btpboot.benchmarks.startup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application {@code benchmarks/startup/run.sh} starts: one {@code GET /ping}, nothing else.
 * Which security it gets depends on the class path and arguments the script gives it (Spring
 * Boot's plain resource server, or the starter with a binding, or the starter in mock mode); it
 * references no class of the starter. When ready it prints one line,
 * {@code READY epoch-ms=<now> boot-ms=<SpringApplication.run until ready>}, and keeps running
 * until the script has read its memory and class count and stops it.
 * <p>
 * With {@code -Dbench.steps=N} it records Spring's start-up steps
 * ({@link BufferingApplicationStartup}) and prints, before that line, the {@code N} steps with
 * the most time of their own (their duration minus that of the steps inside them), and the own
 * time of the instantiation of beans of the starter (a type in, or declared by a configuration
 * class of, a package of {@code dev.btpboot}).
 */
@SpringBootApplication
@RestController
public class StartupApplication {

	private static final String OURS = "dev.btpboot.";

	public static void main(String[] args) {
		int steps = Integer.getInteger("bench.steps", 0);
		SpringApplication application = new SpringApplication(StartupApplication.class);
		BufferingApplicationStartup startup = (steps > 0) ? new BufferingApplicationStartup(100_000) : null;
		if (startup != null) {
			application.setApplicationStartup(startup);
		}
		application.addListeners((ApplicationReadyEvent ready) -> {
			long now = System.currentTimeMillis();
			if (startup != null) {
				printSteps(startup.getBufferedTimeline().getEvents(), ready.getApplicationContext(), steps);
			}
			System.out.println("READY epoch-ms=" + now + " boot-ms=" + ready.getTimeTaken().toMillis());
			System.out.flush();
		});
		application.run(args);
	}

	@GetMapping("/ping")
	String ping() {
		return "pong";
	}

	private static void printSteps(List<TimelineEvent> events, ConfigurableApplicationContext context, int limit) {
		Map<Long, Duration> inside = new HashMap<>();
		for (TimelineEvent event : events) {
			Long parent = event.getStartupStep().getParentId();
			if (parent != null) {
				inside.merge(parent, event.getDuration(), Duration::plus);
			}
		}
		long oursMillis = 0;
		List<Own> own = new ArrayList<>();
		for (TimelineEvent event : events) {
			StartupStep step = event.getStartupStep();
			Duration self = event.getDuration().minus(inside.getOrDefault(step.getId(), Duration.ZERO));
			String tags = StreamSupport.stream(step.getTags().spliterator(), false)
				.map((tag) -> tag.getKey() + "=" + tag.getValue())
				.collect(Collectors.joining(", "));
			own.add(new Own(self, step.getName(), tags));
			String bean = StreamSupport.stream(step.getTags().spliterator(), false)
				.filter((tag) -> tag.getKey().equals("beanName"))
				.map(StartupStep.Tag::getValue)
				.findFirst()
				.orElse(null);
			if (bean != null && isOurs(context, bean)) {
				oursMillis += self.toMillis();
			}
		}
		own.sort(Comparator.comparing(Own::self).reversed());
		System.out.println("STEPS own-ms step [tags]");
		own.stream().limit(limit).forEach((step) -> System.out.printf("STEPS %6d %s [%s]%n",
				step.self().toMillis(), step.name(), step.tags()));
		System.out.println("STEPS own time of the starter's bean instantiations: " + oursMillis + " ms");
	}

	/** A bean of one of our types, or declared by one of our configuration classes. */
	private static boolean isOurs(ConfigurableApplicationContext context, String bean) {
		try {
			Class<?> type = context.getBeanFactory().getType(bean, false);
			String declaredIn = context.getBeanFactory().getMergedBeanDefinition(bean).getResourceDescription();
			return (type != null && type.getName().startsWith(OURS))
					|| (declaredIn != null && declaredIn.contains(OURS.replace('.', '/')));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private record Own(Duration self, String name, String tags) {
	}

}
