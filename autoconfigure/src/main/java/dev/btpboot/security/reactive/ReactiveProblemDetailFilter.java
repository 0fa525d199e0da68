package dev.btpboot.security.reactive;

import java.nio.charset.StandardCharsets;

import dev.btpboot.security.ProblemDetails;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The reactive {@code ProblemDetailFilter}: a refused exchange (401, 403) that completes without a
 * body gets the {@link ProblemDetails} body, whoever refused it. Spring Security's reactive entry
 * points and access-denied handlers set the status and headers ({@code WWW-Authenticate}) and
 * complete the response; a handler may set the status and return nothing. Headers already set stay
 * as they are; a body someone else wrote is left alone.
 */
final class ReactiveProblemDetailFilter implements WebFilter {

	private static final MediaType PROBLEM = MediaType.parseMediaType(ProblemDetails.MEDIA_TYPE);

	/**
	 * WebFlux names each filter in a checkpoint of every exchange it passes: a constant name
	 * spares it formatting an identity hash code per request.
	 */
	@Override
	public String toString() {
		return "ReactiveProblemDetailFilter";
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		RefusalResponse response = new RefusalResponse(exchange.getResponse());
		return chain.filter(exchange.mutate().response(response).build())
			.then(Mono.defer(() -> response.isCommitted() ? Mono.empty() : response.completeRefusal()));
	}

	/** Turns the completion of a refusal without a body into the problem body. */
	private static final class RefusalResponse extends ServerHttpResponseDecorator {

		private volatile boolean bodyStarted;

		RefusalResponse(ServerHttpResponse delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			this.bodyStarted = true;
			return super.writeWith(body);
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			this.bodyStarted = true;
			return super.writeAndFlushWith(body);
		}

		@Override
		public Mono<Void> setComplete() {
			return isRefusal() ? writeProblem() : super.setComplete();
		}

		/** @return the problem body when the response is an unwritten refusal, else nothing */
		Mono<Void> completeRefusal() {
			return isRefusal() ? writeProblem() : Mono.empty();
		}

		private boolean isRefusal() {
			HttpStatusCode status = getStatusCode();
			return !this.bodyStarted && !isCommitted() && status != null && ProblemDetails.isRefusal(status.value());
		}

		private Mono<Void> writeProblem() {
			this.bodyStarted = true;
			byte[] body = ProblemDetails.problem(getStatusCode().value()).getBytes(StandardCharsets.UTF_8);
			getHeaders().setContentType(PROBLEM);
			getHeaders().setContentLength(body.length);
			return super.writeWith(Mono.fromSupplier(() -> bufferFactory().wrap(body)));
		}

	}

}
