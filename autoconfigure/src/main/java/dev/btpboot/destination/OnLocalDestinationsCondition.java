package dev.btpboot.destination;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when local destinations are defined: an entry of {@code btp.destinations.local}, or the
 * {@code destinations} variable.
 */
class OnLocalDestinationsCondition extends SpringBootCondition {

	private static final Bindable<Map<String, Map<String, String>>> LOCAL = Bindable.of(ResolvableType
		.forClassWithGenerics(Map.class, ResolvableType.forClass(String.class),
				ResolvableType.forClassWithGenerics(Map.class, String.class, String.class)));

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (StringUtils.hasText(context.getEnvironment().getProperty(LocalDestinations.VARIABLE))) {
			return ConditionOutcome.match("the variable '" + LocalDestinations.VARIABLE + "' is set");
		}
		boolean configured = Binder.get(context.getEnvironment())
			.bind(LocalDestinations.PROPERTY, LOCAL)
			.map((local) -> !local.isEmpty())
			.orElse(false);
		return configured ? ConditionOutcome.match(LocalDestinations.PROPERTY + " has entries")
				: ConditionOutcome.noMatch("no local destinations (" + LocalDestinations.PROPERTY + ", the variable '"
						+ LocalDestinations.VARIABLE + "')");
	}

}
