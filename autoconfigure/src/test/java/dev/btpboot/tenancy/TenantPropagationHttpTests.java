package dev.btpboot.tenancy;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.btpboot.security.HttpClients;
import dev.btpboot.security.Tenant;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant travels with the work (issue 20 §3), through embedded Tomcat with two mock users of
 * two tenants: an {@code @Async} method, a {@code CompletableFuture} on Spring Boot's executor and
 * a {@code subscribeOn(boundedElastic)} step see the caller's tenant, by Spring Security's own
 * context-propagation accessors, with the starter's default {@code
 * spring.task.execution.propagate-context=true} and the application's
 * {@code spring.reactor.context-propagation=auto}; the next task on the same pooled thread, and a
 * step of a caller without a user, see none. {@link TenantRunner#runAs} makes work a tenant's.
 */
@SpringBootTest(classes = TenantPropagationHttpTests.PropagationApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.reactor.context-propagation=auto", "spring.task.execution.pool.core-size=1",
				"spring.task.execution.pool.max-size=1", "btp.security.mock.users.alice.password=alice-pw",
				"btp.security.mock.users.alice.tenant=tenant-a-zone",
				"btp.security.mock.users.alice.subdomain=tenant-a", "btp.security.mock.users.bob.password=bob-pw",
				"btp.security.mock.users.bob.tenant=tenant-b-zone", "btp.security.mock.users.bob.subdomain=tenant-b" })
class TenantPropagationHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	PropagationApplication.TenantOfThread service;

	@Autowired
	@Qualifier("applicationTaskExecutor")
	Executor applicationTaskExecutor;

	@Autowired
	TenantRunner tenantRunner;

	@Autowired
	ReactiveTenantRunner reactiveTenantRunner;

	private String get(String path, String user, String password) {
		HttpResponse<String> response = HttpClients.get(this.port, path, HttpHeaders.AUTHORIZATION,
				"Basic " + HttpHeaders.encodeBasicAuth(user, password, null));
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return response.body();
	}

	@Test
	void anAsyncMethodSeesTheCallersTenantAndTheNextTaskOnItsThreadNone() throws Exception {
		String alice = get("/tenant/async", "alice", "alice-pw");
		String bob = get("/tenant/async", "bob", "bob-pw");
		assertThat(alice).startsWith("tenant-a-zone on ").doesNotContain("http-nio");
		assertThat(bob).isEqualTo("tenant-b-zone on " + alice.substring("tenant-a-zone on ".length()));
		assertThat(this.service.tenant().get()).isEqualTo(alice.replace("tenant-a-zone", "none"));
	}

	@Test
	void aCompletableFutureOnBootsExecutorSeesTheCallersTenant() throws Exception {
		assertThat(get("/tenant/future", "alice", "alice-pw")).startsWith("tenant-a-zone on ");
		assertThat(CompletableFuture.supplyAsync(PropagationApplication.TenantOfThread::describe, this.applicationTaskExecutor).get())
			.startsWith("none on ");
	}

	@Test
	void aStepOnTheBoundedElasticSchedulerSeesTheCallersTenant() {
		assertThat(get("/tenant/reactor", "bob", "bob-pw")).startsWith("tenant-b-zone on boundedElastic");
		assertThat(get("/tenant/reactor", "alice", "alice-pw")).startsWith("tenant-a-zone on boundedElastic");
		assertThat(Mono.fromCallable(PropagationApplication.TenantOfThread::describe).subscribeOn(Schedulers.boundedElastic()).block())
			.startsWith("none on boundedElastic");
	}

	@Test
	void runAsMakesWorkATenantsAndItsAsyncStepsToo() throws Exception {
		Subscription tenant = new Subscription("tenant-c-zone", "tenant-c", null, null);
		assertThat(this.tenantRunner.runAs(tenant, PropagationApplication.TenantOfThread::describe)).startsWith("tenant-c-zone on ");
		assertThat(this.tenantRunner.runAs(tenant, () -> this.service.tenant().join())).startsWith("tenant-c-zone on ");
		assertThat(this.reactiveTenantRunner.runAs(tenant, Mono.deferContextual((context) -> Mono
			.just(context.hasKey(org.springframework.security.core.context.SecurityContext.class))))
			.block()).isTrue();
		assertThat(PropagationApplication.TenantOfThread.describe()).startsWith("none on ");
		assertThat(this.tenantRunner.callerOf(tenant).technical()).isTrue();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	@EnableAsync
	static class PropagationApplication {

		@RestController
		static class TenantController {

			private final TenantOfThread service;

			private final Executor executor;

			TenantController(TenantOfThread service, @Qualifier("applicationTaskExecutor") Executor executor) {
				this.service = service;
				this.executor = executor;
			}

			@GetMapping("/tenant/async")
			String async() throws Exception {
				return this.service.tenant().get();
			}

			@GetMapping("/tenant/future")
			String future() throws Exception {
				return CompletableFuture.supplyAsync(TenantOfThread::describe, this.executor).get();
			}

			@GetMapping("/tenant/reactor")
			String reactor() {
				return Mono.fromCallable(TenantOfThread::describe).subscribeOn(Schedulers.boundedElastic()).block();
			}

		}

		/** Tells the tenant of the thread it runs on. */
		@Service
		static class TenantOfThread {

			@Async
			public CompletableFuture<String> tenant() {
				return CompletableFuture.completedFuture(describe());
			}

			static String describe() {
				return Tenant.current().map(Tenant::id).orElse("none") + " on " + Thread.currentThread().getName();
			}

		}

	}

}
