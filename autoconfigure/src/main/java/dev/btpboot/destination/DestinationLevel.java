package dev.btpboot.destination;

/**
 * Where a destination is defined: the Destination service finds a name at the level of its
 * service instance first, then at the level of the subaccount; local destinations are defined in
 * the application's configuration ({@code btp.destinations.local.*}, {@code destinations}).
 */
public enum DestinationLevel {

	/** A destination of the bound service instance ({@code owner.InstanceId} is set). */
	INSTANCE,

	/** A destination of the tenant's subaccount. */
	SUBACCOUNT,

	/** A destination of the application's configuration, outside production only. */
	LOCAL

}
