package dev.turnpike.test.redis;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Redis in a Testcontainers container, used when a Docker engine is reachable.
 * {@link #stop()} pauses the container rather than removing it, so {@link #start()}
 * brings the same server back on the same mapped port.
 */
public final class ContainerRedis implements RealRedis {

	private static final DockerImageName IMAGE = DockerImageName.parse("redis:7.4-alpine");

	private final GenericContainer<?> container;

	private volatile boolean paused;

	private ContainerRedis(GenericContainer<?> container) {
		this.container = container;
	}

	@SuppressWarnings("resource")
	public static ContainerRedis startContainer() {
		GenericContainer<?> container = new GenericContainer<>(IMAGE).withExposedPorts(6379)
			.withCommand("redis-server", "--save", "", "--appendonly", "no");
		container.start();
		return new ContainerRedis(container);
	}

	@Override
	public String host() {
		return this.container.getHost();
	}

	@Override
	public int port() {
		return this.container.getMappedPort(6379);
	}

	@Override
	public synchronized void stop() {
		if (!this.paused) {
			this.container.getDockerClient().pauseContainerCmd(this.container.getContainerId()).exec();
			this.paused = true;
		}
	}

	@Override
	public synchronized void start() {
		if (this.paused) {
			this.container.getDockerClient().unpauseContainerCmd(this.container.getContainerId()).exec();
			this.paused = false;
		}
	}

	/**
	 * A paused container is frozen: the cgroup freezer stops redis-server just as SIGSTOP
	 * does.
	 */
	@Override
	public void freeze() {
		stop();
	}

	@Override
	public void thaw() {
		start();
	}

	@Override
	public boolean isRunning() {
		return this.container.isRunning() && !this.paused;
	}

	@Override
	public String description() {
		return "container " + IMAGE + " on " + url();
	}

	@Override
	public void close() {
		this.container.stop();
	}

}
