package dev.btpboot.security.reactive;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The security filters of an exchange, run by the direct decorator as Spring's chain runs them. */
class DirectWebFilterChainDecoratorTests {

	private final DirectWebFilterChainDecorator decorator = new DirectWebFilterChainDecorator();

	private final List<String> calls = new ArrayList<>();

	private final WebFilterChain application = (exchange) -> {
		this.calls.add("application");
		return Mono.empty();
	};

	private final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/orders"));

	@Test
	void theFiltersRunInTheirOrderAndThenTheApplicationsChain() {
		this.decorator.decorate(this.application, List.of(passing("a"), passing("b"), passing("c")))
			.filter(this.exchange)
			.block();
		assertThat(this.calls).containsExactly("a", "b", "c", "application");
	}

	@Test
	void aFilterThatAnswersEndsTheChain() {
		WebFilter refusing = (exchange, chain) -> {
			this.calls.add("refusing");
			exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
			return exchange.getResponse().setComplete();
		};
		this.decorator.decorate(this.application, List.of(passing("a"), refusing, passing("c")))
			.filter(this.exchange)
			.block();
		assertThat(this.calls).containsExactly("a", "refusing");
		assertThat(this.exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void noFilterRunsBeforeTheChainIsSubscribed() {
		Mono<Void> chain = this.decorator.decorate(this.application, List.of(passing("a"), passing("b")))
			.filter(this.exchange);
		assertThat(this.calls).isEmpty();
		chain.block();
		assertThat(this.calls).containsExactly("a", "b", "application");
	}

	@Test
	void aFilterThatThrowsGivesAnErrorSignal() {
		WebFilter throwing = (exchange, chain) -> {
			throw new IllegalStateException("broken filter");
		};
		Mono<Void> chain = this.decorator.decorate(this.application, List.of(passing("a"), throwing)).filter(this.exchange);
		assertThatIllegalStateException().isThrownBy(chain::block).withMessage("broken filter");
		assertThat(this.calls).containsExactly("a");
	}

	@Test
	void withoutFiltersTheApplicationsChainIsUsedAsItIs() {
		assertThat(this.decorator.decorate(this.application, List.of())).isSameAs(this.application);
		assertThat(this.decorator.decorate(this.application)).isSameAs(this.application);
	}

	private WebFilter passing(String name) {
		return (exchange, chain) -> {
			this.calls.add(name);
			return chain.filter(exchange);
		};
	}

}
