package dev.btpboot.token;

/**
 * Sees cache hits, misses and token requests of one service; the Micrometer implementation turns
 * them into meters, the default does nothing.
 */
interface TokenObserver {

	/** Observes nothing (no Micrometer, or no registry). */
	TokenObserver NONE = new TokenObserver() {

		@Override
		public void cacheHit() {
		}

		@Override
		public void cacheMiss() {
		}

		@Override
		public void requested(TokenGrant grant, String outcome, long nanos) {
		}

	};

	void cacheHit();

	void cacheMiss();

	/**
	 * @param grant the grant
	 * @param outcome {@code success}, {@code rejected} (4xx the client cannot fix by retrying)
	 * or {@code error}
	 * @param nanos duration of the request, retries included
	 */
	void requested(TokenGrant grant, String outcome, long nanos);

	/** Makes an observer per service. */
	@FunctionalInterface
	interface Factory {

		Factory NONE = (service) -> TokenObserver.NONE;

		TokenObserver forService(String service);

	}

}
