package dev.btpboot.tenancy.reactive;

import java.util.function.Function;

import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.security.SecurityModeDecision;
import dev.btpboot.security.reactive.ReactiveBtpSecurityAutoConfiguration;
import dev.btpboot.security.reactive.ReactiveSecurityModeConfigurer;
import dev.btpboot.security.reactive.ReactiveStatelessFilterChains;
import dev.btpboot.tenancy.SubscriptionCallbacks;
import dev.btpboot.tenancy.SubscriptionCallbacks.Answer;
import dev.btpboot.tenancy.TenancyAutoConfiguration;
import dev.btpboot.tenancy.TenancyCallers;
import dev.btpboot.tenancy.TenancyProperties;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The SaaS Provisioning callbacks in a WebFlux application, as {@code SubscriptionCallbacksAutoConfiguration}
 * serves them in a servlet one: the same paths, answers and hooks, behind a filter chain of their
 * own with the same rule ({@link TenancyCallers}). The hooks block (schema migrations): they run on
 * the bounded-elastic scheduler, never on an event-loop thread.
 */
@AutoConfiguration(after = { TenancyAutoConfiguration.class, ReactiveBtpSecurityAutoConfiguration.class },
		afterName = { "dev.btpboot.security.jwt.reactive.ReactiveJwtSecurityAutoConfiguration",
				"dev.btpboot.security.mock.reactive.ReactiveMockUsersAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ServerHttpSecurity.class, RouterFunction.class })
@ConditionalOnBean({ SubscriptionCallbacks.class, ReactiveSecurityModeConfigurer.class })
public final class ReactiveSubscriptionCallbacksAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "btpSubscriptionCallbacksRoutes")
	RouterFunction<ServerResponse> btpSubscriptionCallbacksRoutes(SubscriptionCallbacks callbacks,
			TenancyProperties properties) {
		String base = SubscriptionCallbacks.basePath(properties);
		return RouterFunctions.route()
			.PUT(base + "/tenants/{tenantId}", (request) -> withBody(request,
					(body) -> callbacks.subscribe(request.pathVariable("tenantId"), body, statusCallback(request))))
			.DELETE(base + "/tenants/{tenantId}", (request) -> withBody(request,
					(body) -> callbacks.unsubscribe(request.pathVariable("tenantId"), body, statusCallback(request))))
			.GET(base + "/dependencies", (request) -> respond(callbacks.dependencies()))
			.build();
	}

	@Bean
	@Order(SubscriptionCallbacks.CHAIN_ORDER)
	@ConditionalOnMissingBean(name = "btpSubscriptionCallbacksSecurityWebFilterChain")
	SecurityWebFilterChain btpSubscriptionCallbacksSecurityWebFilterChain(ServerHttpSecurity http,
			TenancyProperties properties, SecurityModeDecision decision, ServiceBindings bindings,
			ReactiveSecurityModeConfigurer authentication) {
		TenancyCallers callers = TenancyCallers.of(decision.mode(), bindings, properties.getOperatorRole());
		ReactiveStatelessFilterChains.stateless(http)
			.securityMatcher(ServerWebExchangeMatchers.pathMatchers(SubscriptionCallbacks.basePath(properties) + "/**"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange()
				.access((caller, context) -> caller
					.<AuthorizationResult>map((user) -> new AuthorizationDecision(callers.mayCallBack(user)))
					.defaultIfEmpty(new AuthorizationDecision(false))));
		authentication.configure(http);
		return ReactiveStatelessFilterChains.refusalsAsProblems(http).build();
	}

	private static String statusCallback(ServerRequest request) {
		return request.headers().firstHeader(SubscriptionCallbacks.STATUS_CALLBACK);
	}

	/**
	 * Reads at most {@link SubscriptionCallbacks#MAX_BODY_BYTES} plus one (enough to tell a body that
	 * is too large), then runs the callback off the event loop.
	 */
	private static Mono<ServerResponse> withBody(ServerRequest request, Function<byte[], Answer> callback) {
		int limit = SubscriptionCallbacks.MAX_BODY_BYTES + 1;
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), limit)
			.map(ReactiveSubscriptionCallbacksAutoConfiguration::bytes)
			.onErrorResume(DataBufferLimitException.class, (tooLarge) -> Mono.just(new byte[limit]))
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> Mono.fromCallable(() -> callback.apply(body)).subscribeOn(Schedulers.boundedElastic()))
			.flatMap(ReactiveSubscriptionCallbacksAutoConfiguration::respond);
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static Mono<ServerResponse> respond(Answer answer) {
		ServerResponse.BodyBuilder response = ServerResponse.status(HttpStatus.valueOf(answer.status()));
		return (answer.contentType() != null)
				? response.contentType(MediaType.parseMediaType(answer.contentType())).bodyValue(answer.body())
				: response.build();
	}

}
