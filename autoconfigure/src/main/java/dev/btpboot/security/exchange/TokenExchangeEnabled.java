package dev.btpboot.security.exchange;

import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.BtpSecurityProperties.TokenExchange;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** {@code btp.security.token-exchange} is provide-xsuaa or force-xsuaa, for the chains of both stacks. */
public class TokenExchangeEnabled extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		TokenExchange exchange = Binder.get(context.getEnvironment())
			.bind(BtpSecurityProperties.PREFIX + ".token-exchange", TokenExchange.class)
			.orElse(TokenExchange.DISABLED);
		return (exchange != TokenExchange.DISABLED)
				? ConditionOutcome.match("btp.security.token-exchange is " + exchange)
				: ConditionOutcome.noMatch("btp.security.token-exchange is disabled");
	}

}
