package dev.btpboot.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The one rule that says the application runs in production: a profile of
 * {@code btp.security.production-profiles} in effect as {@link Environment#acceptsProfiles} sees it
 * (an active one, or a default one such as {@code spring.profiles.default=prod} while none is
 * active), Cloud Foundry's {@code VCAP_APPLICATION}, Kubernetes' {@code KUBERNETES_SERVICE_HOST}.
 * Read from the {@link Environment}, which holds the OS environment and lets tests set them as
 * properties. Security uses it to refuse mock users, connectivity to refuse local routes.
 */
public final class ProductionSignals {

	private ProductionSignals() {
	}

	/**
	 * @param environment the application's environment
	 * @return what says the application runs in production, e.g. {@code "VCAP_APPLICATION is set"};
	 * empty when nothing does
	 */
	public static List<String> of(Environment environment) {
		BtpSecurityProperties properties = Binder.get(environment)
			.bindOrCreate(BtpSecurityProperties.PREFIX, BtpSecurityProperties.class);
		return of(environment, properties.getProductionProfiles());
	}

	static List<String> of(Environment environment, List<String> productionProfiles) {
		List<String> signals = new ArrayList<>();
		List<String> active = Arrays.asList(environment.getActiveProfiles());
		Set<String> known = new LinkedHashSet<>(active);
		known.addAll(Arrays.asList(environment.getDefaultProfiles()));
		known.stream()
			.filter((profile) -> productionProfiles.stream().anyMatch(profile::equalsIgnoreCase))
			.filter((profile) -> environment.acceptsProfiles((isActive) -> isActive.test(profile)))
			.forEach((profile) -> signals.add(active.contains(profile) ? "profile '" + profile + "' is active"
					: "default profile '" + profile + "' is in effect"));
		for (String variable : List.of("VCAP_APPLICATION", "KUBERNETES_SERVICE_HOST")) {
			if (StringUtils.hasText(environment.getProperty(variable))) {
				signals.add(variable + " is set");
			}
		}
		return signals;
	}

}
