package io.classroomml.infra.aws;

import java.util.Locale;
import java.util.Set;

/**
 * Which condition keys exist and apply to an action. Global keys (AWS's "global condition context
 * keys" page) apply to every action; the tag keys {@code aws:RequestTag/*}, {@code aws:TagKeys} and
 * {@code aws:ResourceTag/*} are global in name but present only where the reference lists them for
 * the action or one of its resource types, so they are checked like service keys. Key names are
 * case-insensitive in IAM.
 */
final class ConditionKeys {

  /**
   * From https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
   */
  private static final Set<String> GLOBAL =
      Set.of(
          "aws:calledvia",
          "aws:calledviafirst",
          "aws:calledvialast",
          "aws:currenttime",
          "aws:epochtime",
          "aws:federatedprovider",
          "aws:multifactorauthage",
          "aws:multifactorauthpresent",
          "aws:principalaccount",
          "aws:principalarn",
          "aws:principalisawsservice",
          "aws:principalorgid",
          "aws:principalorgpaths",
          "aws:principalservicename",
          "aws:principalservicenameslist",
          "aws:principaltype",
          "aws:referer",
          "aws:requestedregion",
          "aws:resourceaccount",
          "aws:resourceorgid",
          "aws:resourceorgpaths",
          "aws:securetransport",
          "aws:sourceaccount",
          "aws:sourcearn",
          "aws:sourceidentity",
          "aws:sourceip",
          "aws:sourceorgid",
          "aws:sourceorgpaths",
          "aws:sourcevpc",
          "aws:sourcevpcarn",
          "aws:sourcevpce",
          "aws:tokenissuetime",
          "aws:useragent",
          "aws:userid",
          "aws:username",
          "aws:viaawsservice",
          "aws:vpcsourceip",
          "aws:ec2instancesourcevpc",
          "aws:ec2instancesourceprivateipv4");

  private ConditionKeys() {}

  /** Global keys that apply to every request (aws:PrincipalTag/... included). */
  static boolean isGlobal(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return GLOBAL.contains(k) || k.startsWith("aws:principaltag/");
  }

  /** Whether a reference key such as {@code aws:ResourceTag/${TagKey}} names {@code key}. */
  static boolean matchesTemplate(String template, String key) {
    String t = template.toLowerCase(Locale.ROOT);
    String k = key.toLowerCase(Locale.ROOT);
    int var = t.indexOf("${");
    if (var < 0) {
      return t.equals(k);
    }
    String head = t.substring(0, var);
    String tail = t.substring(t.indexOf('}', var) + 1);
    return k.length() > head.length() + tail.length() && k.startsWith(head) && k.endsWith(tail);
  }

  /** Whether {@code key} applies to {@code action} of {@code service} (global or listed). */
  static boolean appliesTo(String key, IamService service, String action) {
    if (isGlobal(key)) {
      return true;
    }
    for (String template : service.actionConditionKeys(action)) {
      if (matchesTemplate(template, key)) {
        return true;
      }
    }
    for (IamService.ResourceType type : service.resourceTypes(action)) {
      for (String template : type.conditionKeys()) {
        if (matchesTemplate(template, key)) {
          return true;
        }
      }
    }
    return false;
  }
}
