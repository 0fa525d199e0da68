package dev.btpboot.destination;

import java.util.Objects;

/**
 * How to look a destination up besides its name: a destination fragment to merge into it
 * ({@code X-fragment-name}, optionally {@code X-fragment-optional}), a refresh token for
 * {@code OAuth2RefreshToken} destinations ({@code X-refresh-token}). Immutable; the cache keeps
 * a destination per fragment, and per refresh token (by a hash, never the token).
 * <pre>{@code
 * destinations.find("erp", DestinationOptions.fragment("tenant-a-path"));
 * destinations.find("crm", DestinationOptions.none().withRefreshToken(refreshToken));
 * }</pre>
 */
public final class DestinationOptions {

	private static final DestinationOptions NONE = new DestinationOptions(null, false, null);

	private final String fragment;

	private final boolean fragmentOptional;

	private final String refreshToken;

	private DestinationOptions(String fragment, boolean fragmentOptional, String refreshToken) {
		this.fragment = fragment;
		this.fragmentOptional = fragmentOptional;
		this.refreshToken = refreshToken;
	}

	/** @return the destination as it is defined: no fragment, no refresh token */
	public static DestinationOptions none() {
		return NONE;
	}

	/**
	 * @param fragment the name of a destination fragment of the same level, or several separated
	 * by commas, merged in that order
	 * @return options that merge the fragment into the destination; the look-up fails when it does
	 * not exist
	 */
	public static DestinationOptions fragment(String fragment) {
		return new DestinationOptions(requireFragment(fragment), false, null);
	}

	/**
	 * @param fragment the name of one destination fragment of the same level
	 * @return options that merge the fragment when it exists, else the destination as it is
	 */
	public static DestinationOptions optionalFragment(String fragment) {
		if (requireFragment(fragment).contains(",")) {
			throw new IllegalArgumentException(
					"only one fragment can be optional (the Destination service ignores X-fragment-optional for a list)");
		}
		return new DestinationOptions(fragment.trim(), true, null);
	}

	/**
	 * @param refreshToken a refresh token of the destination's token service
	 * @return these options, the refresh token sent as {@code X-refresh-token} (for
	 * {@code OAuth2RefreshToken} destinations)
	 */
	public DestinationOptions withRefreshToken(String refreshToken) {
		if (refreshToken == null || refreshToken.isBlank()) {
			throw new IllegalArgumentException("a refresh token is required");
		}
		return new DestinationOptions(this.fragment, this.fragmentOptional, refreshToken);
	}

	private static String requireFragment(String fragment) {
		if (fragment == null || fragment.isBlank()) {
			throw new IllegalArgumentException("a fragment name is required");
		}
		return fragment.trim();
	}

	/** @return the fragment name(s) ({@code X-fragment-name}), or {@code null} */
	public String fragment() {
		return this.fragment;
	}

	/** @return whether the fragment may be missing ({@code X-fragment-optional: true}) */
	public boolean fragmentOptional() {
		return this.fragmentOptional;
	}

	/** @return the refresh token ({@code X-refresh-token}), or {@code null} */
	public String refreshToken() {
		return this.refreshToken;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof DestinationOptions that && Objects.equals(this.fragment, that.fragment)
				&& this.fragmentOptional == that.fragmentOptional && Objects.equals(this.refreshToken, that.refreshToken));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.fragment, this.fragmentOptional, this.refreshToken);
	}

	/** @return the fragment and whether a refresh token is set, never the token */
	@Override
	public String toString() {
		return "DestinationOptions[fragment=" + this.fragment + (this.fragmentOptional ? " (optional)" : "")
				+ ((this.refreshToken != null) ? ", refreshToken=****" : "") + "]";
	}

}
