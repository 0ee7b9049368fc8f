// The host's password policy (src/Matching.Domain/Access/PasswordPolicy.cs), shown beside every new
// password; the host checks it and its messages are shown on the field.
export const passwordRules = '12 到 128 个字符；至少包含小写字母、大写字母、数字、其他符号中的三类；不能包含用户名、换行或控制字符。';
