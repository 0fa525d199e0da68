package dev.btpboot.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code btp.http.max-response-size} to the byte, whether the body says its length up front or
 * arrives in chunks, against WireMock over the JDK client (HTTP/1.1 and the HTTP/2 upgrade).
 */
class ResponseBodiesTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final HttpClient client = HttpClient.newHttpClient();

	private String fetch(ResponseBodies bodies, String path) throws Exception {
		return bodies.send(this.client, HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build()).body();
	}

	@ParameterizedTest(name = "chunked: {0}")
	@ValueSource(booleans = { false, true })
	void aBodyOfExactlyTheLimitIsReadAndOneByteMoreIsRefused(boolean chunked) throws Exception {
		String atLimit = "é".repeat(256) + "x".repeat(512);
		String overLimit = atLimit + "y";
		server.stubFor(get("/at").willReturn(chunked ? ok(atLimit).withChunkedDribbleDelay(4, 20) : ok(atLimit)));
		server.stubFor(get("/over").willReturn(chunked ? ok(overLimit).withChunkedDribbleDelay(4, 20) : ok(overLimit)));
		ResponseBodies oneKilobyte = new ResponseBodies(DataSize.ofKilobytes(1));
		assertThat(fetch(oneKilobyte, "/at")).as("1024 bytes of UTF-8").isEqualTo(atLimit);
		assertThatExceptionOfType(ResponseBodies.TooLargeException.class)
			.isThrownBy(() -> fetch(oneKilobyte, "/over"))
			.withMessage("the answer is larger than btp.http.max-response-size (1KB)");
	}

	@Test
	void theLimitIsNamedInTheUnitItWasMostLikelySetIn() {
		assertThat(ResponseBodies.text(DataSize.ofMegabytes(1).toBytes())).isEqualTo("1MB");
		assertThat(ResponseBodies.text(DataSize.ofMegabytes(3).toBytes())).isEqualTo("3MB");
		assertThat(ResponseBodies.text(DataSize.ofKilobytes(512).toBytes())).isEqualTo("512KB");
		assertThat(ResponseBodies.text(DataSize.ofKilobytes(1025).toBytes())).isEqualTo("1025KB");
		assertThat(ResponseBodies.text(1000)).isEqualTo("1000B");
	}

	@Test
	void aLimitThatIsNotPositiveIsRefusedNamingTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ResponseBodies(DataSize.ofBytes(0)))
			.withMessage("btp.http.max-response-size must be positive, was 0B");
		assertThatIllegalArgumentException().isThrownBy(() -> new ResponseBodies(DataSize.ofBytes(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new ResponseBodies(null));
		assertThat(new ResponseBodies(DataSize.ofBytes(1))).isNotNull();
	}

}
