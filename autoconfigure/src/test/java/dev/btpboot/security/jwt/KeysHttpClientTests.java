package dev.btpboot.security.jwt;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The key client builds its JDK client (SSL context, trust store, selector thread) on first use only. */
class KeysHttpClientTests {

	static final JwtFixture fixture = new JwtFixture().start();

	@AfterAll
	static void stop() {
		fixture.server.stop();
	}

	@Test
	void theJdkClientIsBuiltOnTheFirstFetchAndOnlyOnce() throws Exception {
		AtomicInteger built = new AtomicInteger();
		KeysHttpClient keys = new KeysHttpClient(() -> {
			built.incrementAndGet();
			return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		}, Duration.ofSeconds(5), JwtFixture.BODIES);
		assertThat(built).as("before any fetch").hasValue(0);
		URI tokenKeys = URI.create("http://" + fixture.uaaDomain() + "/token_keys");
		assertThat(keys.get(tokenKeys)).contains(fixture.xsuaaKey.getKeyID());
		assertThat(keys.get(tokenKeys)).contains(fixture.xsuaaKey.getKeyID());
		assertThat(built).hasValue(1);
	}

}
