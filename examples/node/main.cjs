// Node (CommonJS): node main.cjs. `require("paynorm")` is synchronous too (Node >= 20.19 / 22.12).
const { normalize } = require("paynorm");

const payment = normalize(
  "razorpay",
  "payments",
  '{"id":"pay_1","entity":"payment","amount":50000,"currency":"INR","status":"captured","method":"upi","created_at":1700000000}',
);
console.log(payment.id, payment.amount, payment.currency, payment.status);
