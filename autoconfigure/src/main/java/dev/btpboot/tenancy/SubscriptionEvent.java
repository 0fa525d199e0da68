package dev.btpboot.tenancy;

/** What a subscription callback asks for. */
enum SubscriptionEvent {

	/** A tenant subscribes ({@code PUT}, {@code eventType} {@code CREATE} or none). */
	SUBSCRIBE("Subscription"),

	/** A subscribed tenant's subscription changes ({@code PUT}, {@code eventType} {@code UPDATE}). */
	UPDATE("Update of the subscription"),

	/** A tenant unsubscribes ({@code DELETE}). */
	UNSUBSCRIBE("Unsubscription");

	private final String text;

	SubscriptionEvent(String text) {
		this.text = text;
	}

	/** @return how messages name it, such as "Subscription" */
	String text() {
		return this.text;
	}

}
