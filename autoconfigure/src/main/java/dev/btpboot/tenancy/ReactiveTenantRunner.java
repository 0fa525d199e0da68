package dev.btpboot.tenancy;

import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;

/**
 * The reactive counterpart of {@link TenantRunner}: a pipeline runs with a subscribed tenant's
 * technical caller in its Reactor context, as a WebFlux request of one of the tenant's users does,
 * so tokens ({@code x-zid}), destinations and {@code WebClient}s of the starter resolve to that
 * tenant. A bean whenever Reactor is on the class path.
 * <pre>{@code
 * Flux.fromIterable(subscribedTenants.subscriptions())
 *     .concatMap((tenant) -> reactiveTenantRunner.runAs(tenant, reports.refresh()));
 * }</pre>
 */
public class ReactiveTenantRunner {

	private final TenantRunner runner;

	/**
	 * @param runner the runner whose technical callers the pipelines run as
	 */
	public ReactiveTenantRunner(TenantRunner runner) {
		this.runner = runner;
	}

	/**
	 * @param tenant the tenant to run as
	 * @param work the pipeline
	 * @return the pipeline, run as the tenant
	 */
	public <T> Mono<T> runAs(Subscription tenant, Mono<T> work) {
		Objects.requireNonNull(tenant, "tenant");
		return work.contextWrite(ReactiveSecurityContextHolder.withAuthentication(this.runner.callerAuthentication(tenant)));
	}

	/**
	 * @param tenant the tenant to run as
	 * @param work the pipeline
	 * @return the pipeline, run as the tenant
	 */
	public <T> Flux<T> runAs(Subscription tenant, Flux<T> work) {
		Objects.requireNonNull(tenant, "tenant");
		return work.contextWrite(ReactiveSecurityContextHolder.withAuthentication(this.runner.callerAuthentication(tenant)));
	}

}
