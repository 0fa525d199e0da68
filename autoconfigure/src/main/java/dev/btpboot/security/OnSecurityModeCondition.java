package dev.btpboot.security;

import dev.btpboot.binding.ConditionalOnServiceBinding;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.XsuaaCredentials;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnSecurityModeCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		SecurityMode required = (SecurityMode) metadata
			.getAnnotationAttributes(ConditionalOnSecurityMode.class.getName())
			.get("value");
		boolean bound = new IdentityServiceBound().matches(context, metadata);
		SecurityModeDecision decision = SecurityModeDecision.decide(context.getEnvironment(), bound);
		return (decision.mode() == required) ? ConditionOutcome.match("security mode is " + required)
				: ConditionOutcome.noMatch("security mode is not " + required);
	}

	/** An xsuaa or an identity service is bound. */
	static class IdentityServiceBound extends AnyNestedCondition {

		IdentityServiceBound() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnServiceBinding(XsuaaCredentials.SERVICE)
		static class Xsuaa {

		}

		@ConditionalOnServiceBinding(IdentityCredentials.SERVICE)
		static class Identity {

		}

	}

}
