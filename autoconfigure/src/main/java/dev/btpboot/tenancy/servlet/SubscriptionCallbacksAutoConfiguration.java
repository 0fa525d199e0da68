package dev.btpboot.tenancy.servlet;

import java.io.IOException;
import java.io.InputStream;

import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.security.SecurityModeDecision;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import dev.btpboot.security.servlet.SecurityModeConfigurer;
import dev.btpboot.security.servlet.StatelessFilterChains;
import dev.btpboot.tenancy.SubscriptionCallbacks;
import dev.btpboot.tenancy.SubscriptionCallbacks.Answer;
import dev.btpboot.tenancy.TenancyAutoConfiguration;
import dev.btpboot.tenancy.TenancyCallers;
import dev.btpboot.tenancy.TenancyProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The SaaS Provisioning callbacks in a servlet application, under {@code btp.tenancy.callback-path}
 * (default {@code /callback/v1.0}): {@code PUT} and {@code DELETE tenants/{tenantId}},
 * {@code GET dependencies}, behind a filter chain of their own, ahead of the catch-all, with the
 * authentication of the security mode and the rule of {@link TenancyCallers}: only the SaaS
 * Provisioning service's token (outside production, a mock user with role {@code Callback}). No
 * callback is served without the starter's security.
 */
@AutoConfiguration(after = { TenancyAutoConfiguration.class, BtpSecurityAutoConfiguration.class },
		afterName = { "dev.btpboot.security.jwt.servlet.JwtSecurityAutoConfiguration",
				"dev.btpboot.security.mock.servlet.MockUsersAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, RouterFunction.class })
@ConditionalOnBean({ SubscriptionCallbacks.class, SecurityModeConfigurer.class })
public final class SubscriptionCallbacksAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "btpSubscriptionCallbacksRoutes")
	RouterFunction<ServerResponse> btpSubscriptionCallbacksRoutes(SubscriptionCallbacks callbacks,
			TenancyProperties properties) {
		String base = SubscriptionCallbacks.basePath(properties);
		return RouterFunctions.route()
			.PUT(base + "/tenants/{tenantId}", (request) -> respond(callbacks.subscribe(request.pathVariable("tenantId"),
					body(request), request.headers().firstHeader(SubscriptionCallbacks.STATUS_CALLBACK))))
			.DELETE(base + "/tenants/{tenantId}",
					(request) -> respond(callbacks.unsubscribe(request.pathVariable("tenantId"), body(request),
							request.headers().firstHeader(SubscriptionCallbacks.STATUS_CALLBACK))))
			.GET(base + "/dependencies", (request) -> respond(callbacks.dependencies()))
			.build();
	}

	@Bean
	@Order(SubscriptionCallbacks.CHAIN_ORDER)
	@ConditionalOnMissingBean(name = "btpSubscriptionCallbacksSecurityFilterChain")
	SecurityFilterChain btpSubscriptionCallbacksSecurityFilterChain(HttpSecurity http, TenancyProperties properties,
			SecurityModeDecision decision, ServiceBindings bindings, SecurityModeConfigurer authentication)
			throws Exception {
		TenancyCallers callers = TenancyCallers.of(decision.mode(), bindings, properties.getOperatorRole());
		StatelessFilterChains.stateless(http)
			.securityMatcher(SubscriptionCallbacks.basePath(properties) + "/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest()
				.access((auth, context) -> new AuthorizationDecision(callers.mayCallBack(auth.get()))));
		authentication.configure(http);
		return StatelessFilterChains.build(http);
	}

	/** At most {@link SubscriptionCallbacks#MAX_BODY_BYTES} plus one: enough to tell a body that is too large. */
	private static byte[] body(ServerRequest request) throws IOException {
		try (InputStream body = request.servletRequest().getInputStream()) {
			return body.readNBytes(SubscriptionCallbacks.MAX_BODY_BYTES + 1);
		}
	}

	private static ServerResponse respond(Answer answer) {
		ServerResponse.BodyBuilder response = ServerResponse.status(HttpStatus.valueOf(answer.status()));
		return (answer.contentType() != null) ? response.contentType(MediaType.parseMediaType(answer.contentType()))
			.body(answer.body()) : response.build();
	}

}
