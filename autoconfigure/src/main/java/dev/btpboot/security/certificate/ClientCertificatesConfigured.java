package dev.btpboot.security.certificate;

import dev.btpboot.security.BtpSecurityProperties;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** At least one entry under {@code btp.security.client-certificates}, for the chains of both stacks. */
public class ClientCertificatesConfigured extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean configured = Binder.get(context.getEnvironment())
			.bind(BtpSecurityProperties.PREFIX + ".client-certificates", Bindable.mapOf(String.class, Object.class))
			.map((entries) -> !entries.isEmpty())
			.orElse(false);
		return configured ? ConditionOutcome.match("btp.security.client-certificates has entries")
				: ConditionOutcome.noMatch("no btp.security.client-certificates entry");
	}

}
