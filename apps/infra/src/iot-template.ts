/**
 * IoT substitution templates (`${device_id}`) must reach AWS unchanged, but Terraform would read
 * `${...}` as its own interpolation: in CDKTF code they are written `$${...}`. Use this for every
 * IoT template so none is forgotten.
 */
export function iotTemplate(template: string): string {
  return template.replace(/\$\{/g, () => '$${');
}
