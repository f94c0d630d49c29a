"""serverless-spark's ExistingSparkPlatform on a Kubernetes cluster you already have, from Python.

`pulumi package add` (or `pulumi install`, which reads `packages:` in Pulumi.yaml) generates the
Python SDK `pulumi_serverless_spark` under sdks/ from the schema Pulumi infers from the
TypeScript components. Not run here (no Pulumi CLI on the machine that wrote it): see ../README.md.

Arguments are plain dicts and lists with snake_case keys: every generated Python SDK accepts dict
literals for its input types (newer code generators also emit `...ArgsDict` TypedDicts for them,
older ones only `...Args` classes such as `spark.PlatformJobArgsArgs`), so dicts work across codegen
versions. The keys and values are those of the `existing` stack's config (stacks/Pulumi.existing.yaml).
"""

import os

import pulumi
import pulumi_serverless_spark as spark

config = pulumi.Config()

# A kubeconfig *path* (the component also takes the file's content, but a path keeps the
# cluster's credentials out of the component's recorded inputs). Made absolute here because the
# component reads it in its own plugin process, whose working directory is not this one.
kubeconfig_path = os.path.abspath(os.path.expanduser(config.get("kubeconfigPath") or "~/.kube/config"))

platform = spark.ExistingSparkPlatform(
    "spark",
    kubeconfig=kubeconfig_path,
    # Regular nodes, billed per node: pods keep the sizes the jobs ask for.
    capacity_grid="none",
    job_namespaces=["spark-jobs"],
    samples=["wordcount"],
    jobs=[
        {
            "name": "pi",
            "type": "Python",
            "image": "apache/spark:3.5.3",
            "main_application_file": "local:///opt/spark/examples/src/main/python/pi.py",
            "arguments": ["100"],
            "executor": {"instances": 2},
        },
    ],
    # Kerberos: every input is a plain value (the schema marks them `plain`), so a Pulumi secret
    # cannot be passed in. Give a keytab file that the deployment writes from its secret store; the
    # component reads it and keeps its bytes as Pulumi secrets:
    # kerberos={
    #     "principal": "spark/etl.example.com@EXAMPLE.COM",
    #     "keytab_path": "/run/secrets/spark.keytab",
    #     "kdcs": ["kdc.example.com:88"],
    # },
)

pulumi.export("jobNamespaces", platform.job_namespaces)
pulumi.export("operatorNamespace", platform.operator_namespace)
pulumi.export("operatorRelease", platform.operator_release)
pulumi.export("capacityGrid", platform.capacity_grid)
pulumi.export("jobs", platform.jobs)
pulumi.export("dataRoot", platform.data_root)
