package dev.btpboot.binding;

import io.pivotal.cfenv.core.CfEnv;

/**
 * java-cfenv-boot parses {@code VCAP_SERVICES} again at start-up with java-cfenv's own parser
 * (json-io), whose messages quote the input, client secrets included: whatever that parser
 * rejects must stop the start here, where nothing of the input is shown. Loaded only when
 * java-cfenv-boot is on the class path: json-io costs some 1,700 classes.
 */
final class JavaCfEnvParserCheck {

	/** The post-processor of java-cfenv-boot that parses {@code VCAP_SERVICES}. */
	static final String JAVA_CFENV_BOOT = "io.pivotal.cfenv.spring.boot.CfEnvironmentPostProcessor";

	private JavaCfEnvParserCheck() {
	}

	/**
	 * @param vcapServices the content of {@code VCAP_SERVICES}, already accepted by
	 * {@link VcapServicesReader}
	 * @throws ServiceBindingException when java-cfenv's parser rejects it
	 */
	static void check(String vcapServices) {
		try {
			new CfEnv("{}", vcapServices);
		}
		catch (RuntimeException ex) {
			throw VcapServicesReader.shapeError(VcapServicesReader.VCAP_SERVICES,
					"is not accepted by java-cfenv's parser (" + ex.getClass().getSimpleName() + ")");
		}
	}

}
