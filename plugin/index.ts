/**
 * The component package entry: Pulumi's Node.js plugin host loads this module, finds the component
 * classes it exports and serves them to programs in other languages, with a schema it infers from
 * their TypeScript types (`@pulumi/pulumi` provider/experimental). Their arguments are the shipped
 * stacks' config (components/platforms/args.ts).
 */
export { AlicloudSparkPlatform } from "../components/platforms/alicloud";
export { AwsSparkPlatform } from "../components/platforms/aws";
export { ExistingSparkPlatform } from "../components/platforms/existing";
