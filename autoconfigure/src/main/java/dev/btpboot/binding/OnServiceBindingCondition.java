package dev.btpboot.binding;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when a binding of the service exists, by the rule of {@link ServiceBindings#ofService(String)}. */
class OnServiceBindingCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String service = (String) metadata.getAnnotationAttributes(ConditionalOnServiceBinding.class.getName())
			.get("value");
		List<String> names = ServiceBindingsLoader.load(context.getEnvironment())
			.ofService(service)
			.stream()
			.map(ServiceBinding::name)
			.toList();
		if (names.isEmpty()) {
			return ConditionOutcome.noMatch("no binding of service '" + service + "'");
		}
		String choice = (names.size() > 1) ? KnownService.of(service)
			.map((known) -> " (" + known.selectionProperty() + " chooses one)")
			.orElse("") : "";
		return ConditionOutcome.match("binding(s) " + names + " of service '" + service + "'" + choice);
	}

}
