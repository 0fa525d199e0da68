package dev.btpboot.connectivity.ldap;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when a Spring LDAP feature of the starter is configured but Spring LDAP (or Spring Boot's
 * LDAP support) is not on the class path, so that the feature's auto-configuration, which needs
 * both, would be left out.
 */
class SpringLdapFeatureWithoutSpringLdap extends SpringBootCondition {

	private static final String ENABLED = "btp.connectivity.ldap.enabled";

	private static final String DESTINATION = "btp.connectivity.ldap.destination";

	private static final String[] SPRING_LDAP = { "org.springframework.ldap.core.support.AbstractContextSource",
			"org.springframework.boot.ldap.autoconfigure.LdapProperties" };

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String feature = configuredFeature(context.getEnvironment());
		if (feature == null) {
			return ConditionOutcome.noMatch("no Spring LDAP feature of the starter is configured");
		}
		for (String type : SPRING_LDAP) {
			if (!ClassUtils.isPresent(type, context.getClassLoader())) {
				return ConditionOutcome.match(feature + ", but " + type + " is not on the class path");
			}
		}
		return ConditionOutcome.noMatch("Spring LDAP is on the class path");
	}

	/**
	 * @param environment the environment
	 * @return the setting that asks for a Spring LDAP feature ({@code property=value}), or
	 * {@code null}
	 */
	static String configuredFeature(Environment environment) {
		if (environment.getProperty(ENABLED, Boolean.class, false)) {
			return ENABLED + "=true";
		}
		String destination = environment.getProperty(DESTINATION);
		return (destination != null && !destination.isBlank()) ? DESTINATION + "=" + destination : null;
	}

}
