/** Region names look like `cn-shanghai`, `ap-southeast-1`. Anything else is a typo or an injection attempt. */
export function isRegionName(region: string): boolean {
  return /^[a-z]{2,4}(-[a-z0-9]{1,20}){1,3}$/.test(region);
}
