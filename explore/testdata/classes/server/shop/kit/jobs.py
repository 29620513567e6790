from shop.kit.retry_policy import RetryPolicy


def retry_policy_for(job) -> RetryPolicy:
    return RetryPolicy(job.attempts, 1.0)


def default_retry_policy() -> RetryPolicy:
    return RetryPolicy(3, 1.0)


def retry_policy_of_task(task) -> RetryPolicy:
    return retry_policy_for(task.job)
