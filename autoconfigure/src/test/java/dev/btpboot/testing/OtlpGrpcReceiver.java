package dev.btpboot.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

import static org.awaitility.Awaitility.await;

/**
 * An OTLP/gRPC receiver as SAP Cloud Logging's ingest endpoint is one: gRPC only, over TLS with a
 * server certificate of its own CA, requiring a client certificate issued by the client CA. It
 * records each export with the subject of the client certificate that sent it. Bound to
 * loopback, on a free port; the server certificate names {@code localhost}.
 */
public final class OtlpGrpcReceiver implements AutoCloseable {

	private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {

		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				return stream.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	};

	private static final Context.Key<String> CLIENT = Context.key("client-certificate-subject");

	private final TestCertificates.Issued serverCa = TestCertificates.certificateAuthority("OTLP Test Server CA");

	private final TestCertificates.Issued clientCa = TestCertificates.certificateAuthority("OTLP Test Client CA");

	private final List<Received<ExportTraceServiceRequest>> traces = new CopyOnWriteArrayList<>();

	private final List<Received<ExportLogsServiceRequest>> logs = new CopyOnWriteArrayList<>();

	private final List<Received<ExportMetricsServiceRequest>> metrics = new CopyOnWriteArrayList<>();

	private final Server server;

	/** One export and the subject of the client certificate it came with. */
	public record Received<T>(T request, String clientSubject) {
	}

	public OtlpGrpcReceiver() {
		TestCertificates.Issued serverCertificate = TestCertificates.issue("localhost", TestCertificates.rsaKeyPair(),
				this.serverCa);
		try {
			TlsServerCredentials credentials = (TlsServerCredentials) TlsServerCredentials.newBuilder()
				.keyManager(stream(serverCertificate.certificatePem()), stream(serverCertificate.privateKeyPem()))
				.trustManager(stream(this.clientCa.certificatePem()))
				.clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
				.build();
			this.server = NettyServerBuilder
				.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), credentials)
				.addService(ServerInterceptors.intercept(service("opentelemetry.proto.collector.trace.v1.TraceService",
						this.traces, parser(ExportTraceServiceRequest::parseFrom)), new ClientSubject()))
				.addService(ServerInterceptors.intercept(service("opentelemetry.proto.collector.logs.v1.LogsService",
						this.logs, parser(ExportLogsServiceRequest::parseFrom)), new ClientSubject()))
				.addService(ServerInterceptors.intercept(
						service("opentelemetry.proto.collector.metrics.v1.MetricsService", this.metrics,
								parser(ExportMetricsServiceRequest::parseFrom)),
						new ClientSubject()))
				.build()
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param commonName the client certificate's CN
	 * @return a client certificate the receiver accepts
	 */
	public TestCertificates.Issued clientCertificate(String commonName) {
		return TestCertificates.issue(commonName, TestCertificates.rsaKeyPair(), this.clientCa);
	}

	/** @return the CA of the server certificate, as a binding's {@code server-ca} holds it */
	public TestCertificates.Issued serverCa() {
		return this.serverCa;
	}

	/** @return {@code localhost:<port>}, as a binding's {@code ingest-otlp-endpoint} holds it */
	public String endpoint() {
		return "localhost:" + this.server.getPort();
	}

	public List<Received<ExportTraceServiceRequest>> traces() {
		return this.traces;
	}

	public List<Received<ExportLogsServiceRequest>> logs() {
		return this.logs;
	}

	public List<Received<ExportMetricsServiceRequest>> metrics() {
		return this.metrics;
	}

	/**
	 * Waits until an export matches.
	 * @param <T> the type of the export
	 * @param exports one of the lists of this receiver
	 * @param condition what to wait for
	 * @return the first matching export
	 */
	public static <T> Received<T> awaitExport(List<Received<T>> exports, java.util.function.Predicate<T> condition) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> exports.stream().filter((received) -> condition.test(received.request())).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
	}

	@Override
	public void close() {
		this.server.shutdownNow();
	}

	private static InputStream stream(String pem) {
		return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
	}

	private static <T> ServerServiceDefinition service(String name, List<Received<T>> sink, Function<byte[], T> parser) {
		MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(MethodDescriptor.generateFullMethodName(name, "Export"))
			.setRequestMarshaller(BYTES)
			.setResponseMarshaller(BYTES)
			.build();
		return ServerServiceDefinition.builder(name).addMethod(export, ServerCalls.asyncUnaryCall((request, response) -> {
			sink.add(new Received<>(parser.apply(request), CLIENT.get()));
			// an empty message is the empty Export*ServiceResponse: everything accepted
			response.onNext(new byte[0]);
			response.onCompleted();
		})).build();
	}

	private interface Parser<T> {

		T parse(byte[] bytes) throws InvalidProtocolBufferException;

	}

	private static <T> Function<byte[], T> parser(Parser<T> parser) {
		return (bytes) -> {
			try {
				return parser.parse(bytes);
			}
			catch (InvalidProtocolBufferException ex) {
				throw new IllegalArgumentException(ex);
			}
		};
	}

	/** Hands the subject of the verified client certificate to the call's handler. */
	private static final class ClientSubject implements ServerInterceptor {

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
			String subject = null;
			try {
				Certificate[] chain = (session != null) ? session.getPeerCertificates() : new Certificate[0];
				subject = (chain.length > 0) ? ((X509Certificate) chain[0]).getSubjectX500Principal().getName() : null;
			}
			catch (SSLPeerUnverifiedException ex) {
				// no client certificate: the TLS layer refuses such clients before a call exists
			}
			return Contexts.interceptCall(Context.current().withValue(CLIENT, subject), call, headers, next);
		}

	}

}
