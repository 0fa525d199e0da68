package dev.btpboot.binding;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnServiceBindingCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String service = (String) metadata.getAnnotationAttributes(ConditionalOnServiceBinding.class.getName())
			.get("value");
		int count = ServiceBindingsLoader.load(context.getEnvironment()).ofService(service).size();
		return (count > 0) ? ConditionOutcome.match(count + " binding(s) of service '" + service + "'")
				: ConditionOutcome.noMatch("no binding of service '" + service + "'");
	}

}
