package dev.btpboot.security;

import javax.lang.model.element.Modifier;

import org.springframework.aot.generate.GeneratedClass;
import org.springframework.aot.generate.GeneratedMethod;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.javapoet.CodeBlock;

/**
 * Ahead-of-time processing evaluates the conditions once, at build time: the processed
 * application holds the beans of the security mode decided then, whatever its environment says
 * when it starts. This processor records that mode in the generated code, which registers a
 * {@link SecurityModeAotCheck} so that a start whose own decision differs fails instead of
 * running, for instance, with mock users in the cloud.
 */
class SecurityModeAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.getBeanNamesForType(SecurityModeDecision.class, true, false).length == 0) {
			return null;
		}
		SecurityMode processed = processedMode(beanFactory);
		return (generationContext, code) -> {
			GeneratedClass generated = generationContext.getGeneratedClasses()
				.addForFeatureComponent("SecurityMode", SecurityModeAotCheck.class,
						(type) -> type.addModifiers(Modifier.PUBLIC));
			GeneratedMethod register = generated.getMethods()
				.add("registerCheck", (method) -> method.addModifiers(Modifier.PUBLIC, Modifier.STATIC)
					.addJavadoc("The security mode of this application was decided at build time.")
					.addParameter(DefaultListableBeanFactory.class, "beanFactory")
					.addStatement("$T.register(beanFactory, $L)", SecurityModeAotCheck.class,
							(processed != null) ? CodeBlock.of("$T.$L", SecurityMode.class, processed.name())
									: CodeBlock.of("null")));
			code.addInitializer(register.toMethodReference());
		};
	}

	/**
	 * The mode whose configuration the conditions registered, or {@code null} for none (the
	 * decision refused the start), read from {@link ConditionalOnSecurityMode} on the bean
	 * definitions.
	 */
	static SecurityMode processedMode(ConfigurableListableBeanFactory beanFactory) {
		for (String name : beanFactory.getBeanDefinitionNames()) {
			if (!beanFactory.getBeanDefinition(name).isAbstract()) {
				ConditionalOnSecurityMode mode = beanFactory.findAnnotationOnBean(name,
						ConditionalOnSecurityMode.class, false);
				if (mode != null) {
					return mode.value();
				}
			}
		}
		return null;
	}

}
