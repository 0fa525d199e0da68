package dev.btpboot.security.reactive;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.server.WebFilterChainProxy.DefaultWebFilterChainDecorator;
import org.springframework.security.web.server.WebFilterChainProxy.WebFilterChainDecorator;

/**
 * Gives Spring Security's {@code WebFilterChainProxy} the {@link DirectWebFilterChainDecorator}
 * where it would use its default decorator. Spring Security picks the decorator through the
 * {@code ObjectPostProcessor<WebFilterChainDecorator>} beans of its configuration: the one it
 * registers itself hands back an observing decorator when the application observes requests
 * (Micrometer), else the default it was given. This wraps those post-processors, so an observing
 * decorator stays as Spring Security chose it and only the default is replaced.
 */
final class DirectWebFilterChainPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private static final ResolvableType DECORATOR_POST_PROCESSOR = ResolvableType
		.forClassWithGenerics(ObjectPostProcessor.class, WebFilterChainDecorator.class);

	private ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof ObjectPostProcessor<?> postProcessor && this.beanFactory.containsBean(beanName)
				&& this.beanFactory.isTypeMatch(beanName, DECORATOR_POST_PROCESSOR)) {
			return direct((ObjectPostProcessor<WebFilterChainDecorator>) postProcessor);
		}
		return bean;
	}

	private static ObjectPostProcessor<WebFilterChainDecorator> direct(
			ObjectPostProcessor<WebFilterChainDecorator> springSecurity) {
		return new ObjectPostProcessor<>() {

			@Override
			public <O extends WebFilterChainDecorator> O postProcess(O decorator) {
				O chosen = springSecurity.postProcess(decorator);
				@SuppressWarnings("unchecked")
				O direct = (O) new DirectWebFilterChainDecorator();
				return (chosen instanceof DefaultWebFilterChainDecorator) ? direct : chosen;
			}

		};
	}

}
