package dev.ordertracking.tracking;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

@Localized("pt-BR")
public interface TrackingPageTextPtBr extends TrackingPageText {

    @Override @Message("Seu pedido") String title();
    @Override @Message("Olá, {name},") String hello(String name);
    @Override @Message("Pedido {orderId}") String order(String orderId);
    @Override @Message("Realizado") String stepPlaced();
    @Override @Message("Confirmado") String stepConfirmed();
    @Override @Message("Enviado") String stepShipped();
    @Override @Message("Saiu para entrega") String stepOut();
    @Override @Message("Entregue") String stepDelivered();
    @Override @Message("Este pedido foi cancelado.") String cancelled();
    @Override @Message("Entregue em {date}") String deliveredOn(String date);
    @Override @Message("Prometido até") String promised();
    @Override @Message("Previsão atual") String estimate();
    @Override @Message("Seu pedido está atrasado") String lateTitle();
    @Override @Message("Prometemos entregar até {date} e ele ainda não chegou.") String lateText(String date);
    @Override @Message("Atrasado desde") String lateSince();
    @Override @Message("Agora esperamos entregar em") String expected();
    @Override @Message("Ainda não temos uma nova data: avisaremos aqui e por mensagem assim que soubermos.") String expectedUnknown();
    @Override @Message("Registros anteriores") String timelineOlder();
    @Override @Message("Registros mais recentes") String timelineNewest();
    @Override @Message("Pedimos desculpas") String sorryTitle();
    @Override @Message("Seu pedido está atrasado: {what}.") String sorryWhat(String what);
    @Override @Message("Nova data de entrega") String newDate();
    @Override @Message("Seu cupom") String coupon();
    @Override @Message("{value} de desconto na próxima compra, válido até {until}") String couponLine(String value, String until);
    @Override @Message("Pacotes") String parcels();
    @Override @Message("Código de rastreio") String trackingNumber();
    @Override @Message("No site da transportadora") String carrierLink();
    @Override @Message("O que aconteceu até agora") String timeline();
    @Override @Message("Dúvidas") String faq();
    @Override @Message("Meu pacote está atrasado") String faqLateQ();
    @Override @Message("Acompanhamos cada pacote. Se ele for chegar depois do prometido, avisamos a nova data aqui e por mensagem, e compensamos você.") String faqLateA();
    @Override @Message("Meu pacote chegou danificado") String faqDamagedQ();
    @Override @Message("Guarde o pacote e a embalagem, tire uma foto e responda a qualquer mensagem nossa: enviamos outro item ou devolvemos o seu dinheiro.") String faqDamagedA();
    @Override @Message("Recebi o item errado") String faqWrongQ();
    @Override @Message("Responda a qualquer mensagem nossa com o número do pedido: enviamos o item certo e recolhemos o errado sem custo.") String faqWrongA();
    @Override @Message("Idioma") String language();
    @Override @Message("Página não encontrada") String notFound();
    @Override @Message("Este link não leva a um pedido. Use o link da sua mensagem mais recente.") String notFoundText();
    @Override @Message("Link expirado") String linkExpired();
    @Override @Message("Este link expirou. Abra novamente a página de acompanhamento do pedido e siga o link para as suas preferências de mensagens.") String linkExpiredText();
    @Override @Message("Em trânsito") String statusInTransit();
    @Override @Message("Retido") String statusException();
    @Override @Message("Tentativa de entrega sem sucesso") String statusAttemptFailed();
    @Override @Message("Aguardando retirada") String statusPickup();
    @Override @Message("Devolvido ao remetente") String statusReturned();
    @Override @Message("Cancelado") String statusCancelled();
    @Override @Message("O que achou?") String feedbackTitle();
    @Override @Message("Avalie seu pedido de 1 (ruim) a 5 (muito bom)") String feedbackAsk();
    @Override @Message("{n} de 5") String stars(int n);
    @Override @Message("Quer nos contar algo? (opcional)") String feedbackComment();
    @Override @Message("Enviar") String feedbackSend();
    @Override @Message("Obrigado! Você deu nota {n} de 5 a este pedido.") String feedbackThanks(int n);
    @Override @Message("Preferências de mensagens") String prefsLink();
    @Override @Message("Quais mensagens você quer receber sobre seus pedidos?") String prefsTitle();
    @Override @Message("Mensagens de texto (SMS)") String prefsSms();
    @Override @Message("E-mails") String prefsEmail();
    @Override @Message("Salvar") String prefsSave();
    @Override @Message("Salvo.") String prefsSaved();
}
