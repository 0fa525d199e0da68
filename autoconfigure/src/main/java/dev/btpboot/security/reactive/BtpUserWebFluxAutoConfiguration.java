package dev.btpboot.security.reactive;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * {@code @AuthenticationPrincipal BtpUser} in WebFlux handlers, as {@code BtpSecurityAutoConfiguration}
 * offers it in MVC controllers. WebFlux runs the custom argument resolvers of all
 * {@link WebFluxConfigurer}s in their order, and Spring Security's configurer has none, so the
 * highest precedence puts {@link ReactiveBtpUserArgumentResolver} ahead of Spring Security's.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ WebFluxConfigurer.class, EnableWebFluxSecurity.class })
@ConditionalOnBooleanProperty(name = "btp.security.enabled", matchIfMissing = true)
public final class BtpUserWebFluxAutoConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	WebFluxConfigurer btpUserReactiveArgumentResolverConfigurer() {
		return new WebFluxConfigurer() {

			@Override
			public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
				configurer.addCustomResolver(new ReactiveBtpUserArgumentResolver());
			}

		};
	}

}
