package dev.btpboot.token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.springframework.util.unit.DataSize;

/**
 * The one way the starter reads the body of a BTP service's answer: as UTF-8 text of at most
 * {@code btp.http.max-response-size} bytes. A larger body (by its {@code Content-Length}, or as
 * it arrives) is not read on, and the request fails with a {@link TooLargeException}.
 */
public final class ResponseBodies {

	private final long maxBytes;

	/**
	 * @param maxSize {@code btp.http.max-response-size}
	 * @throws IllegalArgumentException when it is not positive
	 */
	public ResponseBodies(DataSize maxSize) {
		if (maxSize == null || maxSize.toBytes() <= 0) {
			throw new IllegalArgumentException("btp.http.max-response-size must be positive, was " + maxSize);
		}
		this.maxBytes = maxSize.toBytes();
	}

	/**
	 * Sends a request and reads the answer's body as UTF-8, up to the bound.
	 * @param client the client
	 * @param request the request
	 * @return the answer
	 * @throws TooLargeException when the body is larger than the bound
	 * @throws IOException when the exchange fails otherwise
	 * @throws InterruptedException when interrupted while waiting for the answer
	 */
	public HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
		Bounded body = new Bounded(this.maxBytes);
		try {
			return client.send(request, body);
		}
		catch (IOException ex) {
			// The client fails the exchange with its own reason ("stream cancelled") once the body is cut.
			if (body.exceeded) {
				throw new TooLargeException(this.maxBytes);
			}
			throw ex;
		}
	}

	static String text(long bytes) {
		DataSize size = DataSize.ofBytes(bytes);
		if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return size.toMegabytes() + "MB";
		}
		return (bytes % DataSize.ofKilobytes(1).toBytes() == 0) ? size.toKilobytes() + "KB" : bytes + "B";
	}

	/** An answer's body was larger than {@code btp.http.max-response-size}. */
	public static final class TooLargeException extends IOException {

		TooLargeException(long maxBytes) {
			super("the answer is larger than btp.http.max-response-size (" + text(maxBytes) + ")");
		}

	}

	/** Collects the body up to the bound; past it (or when its length says so), cancels the subscription and fails. */
	private static final class Bounded implements HttpResponse.BodyHandler<String> {

		private final long maxBytes;

		private volatile boolean exceeded;

		Bounded(long maxBytes) {
			this.maxBytes = maxBytes;
		}

		@Override
		public BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
			long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
			return new Subscriber(declared > this.maxBytes);
		}

		private final class Subscriber implements BodySubscriber<String> {

			private final boolean declaredTooLarge;

			private final CompletableFuture<String> result = new CompletableFuture<>();

			private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

			private Flow.Subscription subscription;

			Subscriber(boolean declaredTooLarge) {
				this.declaredTooLarge = declaredTooLarge;
			}

			@Override
			public CompletionStage<String> getBody() {
				return this.result;
			}

			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				this.subscription = subscription;
				if (this.declaredTooLarge) {
					tooLarge();
					return;
				}
				subscription.request(Long.MAX_VALUE);
			}

			@Override
			public void onNext(List<ByteBuffer> buffers) {
				if (Bounded.this.exceeded) {
					return;
				}
				for (ByteBuffer buffer : buffers) {
					if (this.bytes.size() + (long) buffer.remaining() > Bounded.this.maxBytes) {
						tooLarge();
						return;
					}
					byte[] chunk = new byte[buffer.remaining()];
					buffer.get(chunk);
					this.bytes.writeBytes(chunk);
				}
			}

			@Override
			public void onError(Throwable failure) {
				this.result.completeExceptionally(failure);
			}

			@Override
			public void onComplete() {
				this.result.complete(this.bytes.toString(StandardCharsets.UTF_8));
			}

			private void tooLarge() {
				Bounded.this.exceeded = true;
				this.result.completeExceptionally(new TooLargeException(Bounded.this.maxBytes));
				this.subscription.cancel();
			}

		}

	}

}
